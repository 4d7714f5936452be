-- labdb schema 0008: a holder's next address position is one index seek.
-- A new address's position is the holder's highest position + 1. With indexes on
-- machine_id and service_id alone, finding it read every address of the holder, so
-- allocating 60,000 addresses to one machine in one command took 229 s (each address
-- rescanned all earlier ones). Indexes on (holder, position) answer it with one seek,
-- and serve every lookup by holder that the single-column ones served (a holder's
-- addresses, its primary address: lowest position first).
DROP INDEX addresses_machine;
DROP INDEX addresses_service;
CREATE INDEX addresses_machine ON addresses(machine_id, position);
CREATE INDEX addresses_service ON addresses(service_id, position);
