-- A change counter of everything the conflict check reads (mirrors
-- migrations/sqlite/0006): the app keeps the plan resolved between checks and reuses it only
-- while this number is unchanged. Every write, by any workstation, the command-line program
-- or another tool, bumps it through these statement triggers; the row lock also orders the
-- writers that bump it.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 0);

CREATE FUNCTION itinera_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE revision SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER settings_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER sites_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER travel_times_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON travel_times
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER venues_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON venues
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER hosts_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hosts
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER interpreters_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON interpreters
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER delegations_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON delegations
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER members_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON members
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER items_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON items
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
CREATE TRIGGER requests_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON requests
    FOR EACH STATEMENT EXECUTE FUNCTION itinera_bump_revision();
