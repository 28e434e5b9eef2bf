-- VisionDrive.Parking.Data.Postgres: the tables of the online cutover (docs/cutover.md, "Replication"). Not part of the source contract;
-- applied idempotently by ParkingSchema.ApplyCutoverAsync, only where the cutover is enabled.

-- The transactional outbox (PostgreSQL primary): every write of PostgresParkingStore with the outbox on inserts here, in its own
-- transaction, the keys it touched. The applier copies the current PostgreSQL state of each key to DynamoDB, then deletes its rows.
-- deleted_version is the version (updatedAt) of a deleted row, so a late delete never removes a newer DynamoDB item.
CREATE TABLE IF NOT EXISTS vdp_outbox (
    id              bigserial   PRIMARY KEY,
    entity_type     text        NOT NULL,              -- TENANT | SITE | ZONE | BAY | SENSOR | EVENT | ALERT
    entity_id       text        NOT NULL,
    event_time      timestamptz,                       -- events only: their key is (id, time)
    deleted_version timestamptz,                       -- deletes only
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS vdp_outbox_key ON vdp_outbox (entity_type, entity_id, id);

-- The DynamoDB Streams checkpoints (DynamoDB primary): the last sequence number applied to PostgreSQL, per shard.
CREATE TABLE IF NOT EXISTS vdp_stream_checkpoint (
    stream_arn      text        NOT NULL,
    shard_id        text        NOT NULL,
    sequence_number text        NOT NULL,
    closed          boolean     NOT NULL DEFAULT false, -- the shard is closed and every record of it is applied
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_arn, shard_id)
);

-- Tombstones: the version (updatedAt) of every row deleted while the cutover replicates (by the PostgreSQL store as primary, or by the
-- replication as secondary). PostgreSQL keeps no trace of a deleted row, so without them a late copy of an older state (a stream record
-- replayed by a lagging or retired applier, a slow direct copy) would insert the row again. The replication's upserts skip any state
-- whose version is not newer than the key's tombstone; a key created again later has a newer version and applies. Dropped with the
-- other vdp_ tables once the cutover is done (docs/cutover.md, "Decommission").
CREATE TABLE IF NOT EXISTS vdp_tombstone (
    entity_type     text        NOT NULL,              -- TENANT | SITE | ZONE | BAY | SENSOR
    entity_id       text        NOT NULL,
    version         timestamptz NOT NULL,              -- the deleted row's updatedAt (the latest, when deleted more than once)
    deleted_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_type, entity_id)
);
