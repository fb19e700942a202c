-- A change counter of everything the conflict check reads (the directory, delegations,
-- members, items, requests). The app keeps the plan resolved between checks and compares
-- this number to know whether it may reuse it: any write, by this app, the command-line
-- program or another tool, bumps it through these triggers, so a stale plan is never
-- checked. Acknowledgements and the print log are read afresh by every check and need none.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 0);
CREATE TRIGGER settings_insert_revision AFTER INSERT ON settings BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER settings_update_revision AFTER UPDATE ON settings BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER settings_delete_revision AFTER DELETE ON settings BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sites_insert_revision AFTER INSERT ON sites BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sites_update_revision AFTER UPDATE ON sites BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sites_delete_revision AFTER DELETE ON sites BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER travel_times_insert_revision AFTER INSERT ON travel_times BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER travel_times_update_revision AFTER UPDATE ON travel_times BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER travel_times_delete_revision AFTER DELETE ON travel_times BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER venues_insert_revision AFTER INSERT ON venues BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER venues_update_revision AFTER UPDATE ON venues BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER venues_delete_revision AFTER DELETE ON venues BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER hosts_insert_revision AFTER INSERT ON hosts BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER hosts_update_revision AFTER UPDATE ON hosts BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER hosts_delete_revision AFTER DELETE ON hosts BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER interpreters_insert_revision AFTER INSERT ON interpreters BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER interpreters_update_revision AFTER UPDATE ON interpreters BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER interpreters_delete_revision AFTER DELETE ON interpreters BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER delegations_insert_revision AFTER INSERT ON delegations BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER delegations_update_revision AFTER UPDATE ON delegations BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER delegations_delete_revision AFTER DELETE ON delegations BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER members_insert_revision AFTER INSERT ON members BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER members_update_revision AFTER UPDATE ON members BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER members_delete_revision AFTER DELETE ON members BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER items_insert_revision AFTER INSERT ON items BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER items_update_revision AFTER UPDATE ON items BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER items_delete_revision AFTER DELETE ON items BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requests_insert_revision AFTER INSERT ON requests BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requests_update_revision AFTER UPDATE ON requests BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER requests_delete_revision AFTER DELETE ON requests BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END;
