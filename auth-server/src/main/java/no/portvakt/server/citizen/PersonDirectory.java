package no.portvakt.server.citizen;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import no.portvakt.representation.Guardianship;
import no.portvakt.representation.Person;
import no.portvakt.representation.PowerOfAttorney;
import no.portvakt.representation.RepresentationDirectory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Persons and their relations in PostgreSQL: the {@link RepresentationDirectory} of the dev run and the tests
 * (in production the population register and PVK stand behind the same interface).
 */
@Repository
public class PersonDirectory implements RepresentationDirectory {

    private static final RowMapper<Person> PERSON = (rs, n) -> new Person(rs.getString("pid"),
            rs.getString("given_name"), rs.getString("family_name"), rs.getDate("birth_date").toLocalDate(),
            rs.getString("address_id"), rs.getBoolean("confidential_address"));

    private final JdbcClient jdbc;
    private final DirectoryCache cache;

    public PersonDirectory(JdbcClient jdbc, DirectoryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cache = new DirectoryCache(properties.directoryCacheTtl(), clock);
    }

    @Override
    public Optional<Person> person(String pid) {
        return cache.get("person", pid,
                () -> jdbc.sql("select * from person where pid = ?").param(pid).query(PERSON).optional());
    }

    /** Drops what this instance keeps of the directory (it changed). */
    void forget() {
        cache.forget();
    }

    public List<Person> all() {
        return jdbc.sql("select * from person order by family_name, given_name").query(PERSON).list();
    }

    @Override
    public List<String> childrenOf(String parentPid) {
        return cache.get("children", parentPid, () -> List.copyOf(jdbc.sql(
                        "select child_pid from parental_responsibility where parent_pid = ? order by child_pid")
                .param(parentPid).query(String.class).list()));
    }

    @Override
    public List<String> parentsOf(String childPid) {
        return cache.get("parents", childPid, () -> List.copyOf(jdbc.sql(
                        "select parent_pid from parental_responsibility where child_pid = ?")
                .param(childPid).query(String.class).list()));
    }

    @Override
    public List<PowerOfAttorney> powersHeldBy(String holderPid) {
        return cache.get("powers", holderPid, () -> List.copyOf(jdbc.sql(
                        "select * from power_of_attorney where holder_pid = ?").param(holderPid)
                .query((rs, n) -> new PowerOfAttorney(rs.getString("giver_pid"), rs.getString("holder_pid"),
                        PowerOfAttorney.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        rs.getDate("valid_from").toLocalDate(), date(rs, "valid_to"),
                        new HashSet<>(texts(rs.getArray("service_areas")))))
                .list()));
    }

    @Override
    public List<Guardianship> guardianshipsHeldBy(String guardianPid) {
        return cache.get("guardianships", guardianPid, () -> List.copyOf(jdbc.sql(
                        "select * from guardianship where guardian_pid = ?").param(guardianPid)
                .query((rs, n) -> new Guardianship(rs.getString("guardian_pid"), rs.getString("ward_pid"),
                        rs.getDate("valid_from").toLocalDate(), date(rs, "valid_to")))
                .list()));
    }

    public void save(Person person) {
        jdbc.sql("""
                insert into person (pid, given_name, family_name, birth_date, address_id, confidential_address)
                values (?, ?, ?, ?, ?, ?)
                on conflict (pid) do update set given_name = excluded.given_name,
                    family_name = excluded.family_name, birth_date = excluded.birth_date,
                    address_id = excluded.address_id, confidential_address = excluded.confidential_address,
                    updated_at = now()
                where (person.given_name, person.family_name, person.birth_date, person.address_id,
                       person.confidential_address)
                    is distinct from (excluded.given_name, excluded.family_name, excluded.birth_date,
                       excluded.address_id, excluded.confidential_address)
                """).params(person.pid(), person.givenName(), person.familyName(), Date.valueOf(person.birthDate()),
                person.addressId(), person.confidentialAddress()).update();
        cache.forget();
    }

    public void saveParentalResponsibility(String parentPid, String childPid) {
        jdbc.sql("insert into parental_responsibility (parent_pid, child_pid) values (?, ?) on conflict do nothing")
                .params(parentPid, childPid).update();
        cache.forget();
    }

    public void save(PowerOfAttorney power) {
        jdbc.sql("""
                insert into power_of_attorney (giver_pid, holder_pid, kind, valid_from, valid_to, service_areas)
                values (?, ?, ?, ?, ?, ?)
                on conflict (giver_pid, holder_pid, kind) do update set valid_from = excluded.valid_from,
                    valid_to = excluded.valid_to, service_areas = excluded.service_areas
                """).params(power.giverPid(), power.holderPid(), power.kind().name().toLowerCase(java.util.Locale.ROOT),
                Date.valueOf(power.validFrom()), power.validTo() == null ? null : Date.valueOf(power.validTo()),
                power.serviceAreas().toArray(String[]::new)).update();
        cache.forget();
    }

    public void save(Guardianship guardianship) {
        jdbc.sql("""
                insert into guardianship (guardian_pid, ward_pid, valid_from, valid_to) values (?, ?, ?, ?)
                on conflict (guardian_pid, ward_pid) do update set valid_from = excluded.valid_from,
                    valid_to = excluded.valid_to
                """).params(guardianship.guardianPid(), guardianship.wardPid(),
                Date.valueOf(guardianship.validFrom()),
                guardianship.validTo() == null ? null : Date.valueOf(guardianship.validTo())).update();
        cache.forget();
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
