package no.portvakt.server.citizen;

import java.sql.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The citizens Portvakt knows by name, in PostgreSQL. */
@Repository
public class PersonDirectory {

    private static final RowMapper<Person> ROW = (rs, n) -> new Person(rs.getString("pid"),
            rs.getString("given_name"), rs.getString("family_name"), rs.getDate("birth_date").toLocalDate());

    private final JdbcClient jdbc;

    public PersonDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Person> find(String pid) {
        return jdbc.sql("select * from person where pid = ?").param(pid).query(ROW).optional();
    }

    public List<Person> all() {
        return jdbc.sql("select * from person order by family_name, given_name").query(ROW).list();
    }

    public void save(Person person) {
        jdbc.sql("""
                insert into person (pid, given_name, family_name, birth_date) values (?, ?, ?, ?)
                on conflict (pid) do update set given_name = excluded.given_name,
                    family_name = excluded.family_name, birth_date = excluded.birth_date, updated_at = now()
                where (person.given_name, person.family_name, person.birth_date)
                    is distinct from (excluded.given_name, excluded.family_name, excluded.birth_date)
                """).params(person.pid(), person.givenName(), person.familyName(), Date.valueOf(person.birthDate()))
                .update();
    }
}
