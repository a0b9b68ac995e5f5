-- Citizens Portvakt knows by name. In production the population register is the source; in the dev run and the
-- tests the bootstrap file declares synthetic citizens (fødselsnummer with month + 80).
create table person (
    pid         char(11)    primary key,
    given_name  text        not null,
    family_name text        not null,
    birth_date  date        not null,
    updated_at  timestamptz not null default now()
);
