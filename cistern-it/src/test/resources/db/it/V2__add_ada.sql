insert into person (id, name) values (1, 'Ada');
insert into person (id, name) values (2, 'Grace');
create index person_name on person (name);
