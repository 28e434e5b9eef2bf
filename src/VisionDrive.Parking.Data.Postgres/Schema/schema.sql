-- VisionDrive.Parking.Data.Postgres: the library's own copy of the source contract (same semantics as the shared source-schema.sql).
-- Applied idempotently by ParkingSchema.ApplyAsync.
--
-- The VisionDrive Parking source database: TimescaleDB (PostgreSQL) on Timescale Cloud.
--
-- This is the contract that the source repositories and the migration engine read.
-- It is reconstructed from the migration guide (seed/timescaledb-to-dynamodb-migration-guide.md):
-- the SELECT lists there name the columns; the tables were created by an ORM, hence the quoted
-- camelCase column names. Columns the guide does not name (sites, alerts, updatedAt, ...) are
-- what such a schema has in practice; treat them as part of the contract.
--
-- Runs on TimescaleDB and on plain PostgreSQL 15+ alike: the hypertable is made only where the
-- timescaledb extension is available. Nothing here is guaranteed clean: production data has
-- NULLs where the application forgot them, odd JSON in jsonb columns, and no uniqueness where
-- none is declared.

CREATE TABLE IF NOT EXISTS tenants (
    id          text        PRIMARY KEY,              -- UUID as text, e.g. 77a38d1d-2c63-41e3-a6e5-1c7a06cb1716
    name        text        NOT NULL,
    slug        text        NOT NULL UNIQUE,
    status      text        NOT NULL DEFAULT 'ACTIVE', -- ACTIVE | SUSPENDED | ...
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sites (
    id          text        PRIMARY KEY,
    "tenantId"  text        NOT NULL REFERENCES tenants (id),
    name        text        NOT NULL,
    address     text,
    lat         double precision,
    lng         double precision,
    timezone    text        NOT NULL DEFAULT 'Asia/Dubai',
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS zones (
    id          text        PRIMARY KEY,
    "tenantId"  text        NOT NULL REFERENCES tenants (id),
    "siteId"    text        NOT NULL REFERENCES sites (id),
    name        text        NOT NULL,
    kind        text        NOT NULL,                  -- PAID | FREE | PERMIT | ...
    tariff      jsonb,                                 -- e.g. {"pricePerHour": 10, "currency": "AED"}; NULL for free zones
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS bays (
    id          text        PRIMARY KEY,
    "tenantId"  text        NOT NULL REFERENCES tenants (id),
    "siteId"    text        NOT NULL REFERENCES sites (id),
    "zoneId"    text        NOT NULL REFERENCES zones (id),
    code        text        NOT NULL,                  -- bay number shown to drivers, e.g. A-001 (no uniqueness declared)
    lat         double precision,
    lng         double precision,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sensors (
    id          text        PRIMARY KEY,               -- e.g. PSL01B-001
    "tenantId"  text        NOT NULL REFERENCES tenants (id),
    "siteId"    text        NOT NULL REFERENCES sites (id),
    "zoneId"    text        REFERENCES zones (id),     -- NULL while in stock
    "bayId"     text        REFERENCES bays (id),      -- NULL for gateway / environment sensors
    "devEui"    text        NOT NULL,                  -- LoRaWAN DevEUI, e.g. A84041000181234
    type        text        NOT NULL,                  -- PARKING | GATEWAY | ...
    status      text        NOT NULL,                  -- active | inactive | faulty
    "lastSeenAt" timestamptz,
    "createdAt" timestamptz NOT NULL DEFAULT now(),
    "updatedAt" timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sensor_events (
    id          text        NOT NULL,
    time        timestamptz NOT NULL,                  -- microsecond precision
    "tenantId"  text        NOT NULL,
    "sensorId"  text        NOT NULL,
    kind        text        NOT NULL,                  -- ARRIVE | LEAVE | HEARTBEAT | BATTERY | ...
    decoded     jsonb,                                 -- decoded uplink payload, any shape
    PRIMARY KEY (id, time)                             -- a hypertable's unique keys must include time
);
CREATE INDEX IF NOT EXISTS sensor_events_sensor_time ON sensor_events ("sensorId", time DESC);

CREATE TABLE IF NOT EXISTS alerts (
    id           text        PRIMARY KEY,
    "tenantId"   text        NOT NULL REFERENCES tenants (id),
    "siteId"     text        REFERENCES sites (id),
    "zoneId"     text        REFERENCES zones (id),
    "bayId"      text        REFERENCES bays (id),
    "sensorId"   text        REFERENCES sensors (id),
    type         text        NOT NULL,                 -- LOW_BATTERY | OFFLINE | OVERSTAY | ...
    severity     text        NOT NULL,                 -- INFO | WARNING | CRITICAL
    status       text        NOT NULL,                 -- OPEN | ACKNOWLEDGED | RESOLVED
    message      text,
    "createdAt"  timestamptz NOT NULL DEFAULT now(),
    "resolvedAt" timestamptz
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        PERFORM create_hypertable('sensor_events', 'time', if_not_exists => TRUE, migrate_data => TRUE);
    END IF;
END $$;
