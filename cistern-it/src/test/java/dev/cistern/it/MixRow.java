package dev.cistern.it;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@link MixedFrameworksTest}'s shared table, written by every framework. */
@Entity
@Table(name = "it_mix")
public class MixRow {
  @Id private Integer id;

  @Column(nullable = false, length = 20)
  private String via;

  protected MixRow() {}

  public MixRow(int id, String via) {
    this.id = id;
    this.via = via;
  }

  public Integer getId() {
    return id;
  }

  public String getVia() {
    return via;
  }
}
