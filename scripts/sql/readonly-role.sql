-- scripts/sql/readonly-role.sql: a read-only PostgreSQL/TimescaleDB role for the migration source (vdp migrate/verify/sync/export).
--
-- It may SELECT the seven source tables and nothing else: no writes (also refused at the session level:
-- default_transaction_read_only), no other table, no functions beyond what PUBLIC already has.
--
-- Run it as the database owner (or a superuser), in the source database, with psql. The password comes from the
-- environment (never the command line, never shell history):
--
--   export VDP_MIGRATION_PASSWORD='…'           # e.g. from your secret store
--   psql "host=… dbname=tsdb user=tsdbadmin sslmode=verify-full sslrootcert=ca.pem" \
--        -v role=vdp_migration -f scripts/sql/readonly-role.sql
--
-- Then give the migration: postgres://vdp_migration@host:port/tsdb?sslmode=verify-full (password in PGPASSWORD or ~/.pgpass).
-- Idempotent: rerunning it resets the password and the grants. To remove the role:
--   REVOKE ALL ON tenants, sites, zones, bays, sensors, sensor_events, alerts FROM vdp_migration; DROP ROLE vdp_migration;

\set ON_ERROR_STOP on
\if :{?role}
\else
  \set role vdp_migration
\endif
\getenv password VDP_MIGRATION_PASSWORD
\if :{?password}
\else
  \echo 'Set VDP_MIGRATION_PASSWORD to the new role''s password.'
  \quit
\endif
SELECT current_database() AS dbname \gset

SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec

-- NOSUPERUSER etc. are the defaults; said explicitly in case the role existed with more.
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'password';
ALTER ROLE :"role" SET default_transaction_read_only = on;
-- The event stream is one long query (docs/source.md): no statement timeout for this role.
ALTER ROLE :"role" SET statement_timeout = 0;

GRANT CONNECT ON DATABASE :"dbname" TO :"role";
GRANT USAGE ON SCHEMA public TO :"role";
REVOKE CREATE ON SCHEMA public FROM :"role";
GRANT SELECT ON TABLE public.tenants, public.sites, public.zones, public.bays, public.sensors, public.sensor_events, public.alerts TO :"role";
