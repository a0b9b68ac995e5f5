-- The person directory's generation: moved by every change to persons and their relations, however it is made,
-- so each instance can drop its cached view of the directory within a poll interval.
create table directory_generation (
    generation bigint not null
);
insert into directory_generation (generation) values (1);

create function directory_changed() returns trigger language plpgsql as $$
begin
    update directory_generation set generation = generation + 1;
    return null;
end;
$$;

create trigger person_changed after insert or update or delete or truncate on person
    for each statement execute function directory_changed();
create trigger parental_responsibility_changed after insert or update or delete or truncate on parental_responsibility
    for each statement execute function directory_changed();
create trigger power_of_attorney_changed after insert or update or delete or truncate on power_of_attorney
    for each statement execute function directory_changed();
create trigger guardianship_changed after insert or update or delete or truncate on guardianship
    for each statement execute function directory_changed();
