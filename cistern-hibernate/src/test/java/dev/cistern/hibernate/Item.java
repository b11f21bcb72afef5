package dev.cistern.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The tests' entity: a row with a unique code. */
@Entity
@Table(name = "cistern_item")
public class Item {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true, length = 40)
  private String code;

  protected Item() {}

  Item(String code) {
    this.code = code;
  }

  Long getId() {
    return id;
  }

  String getCode() {
    return code;
  }
}
