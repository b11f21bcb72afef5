create table person (
  id int primary key,
  name varchar(100) not null
);
