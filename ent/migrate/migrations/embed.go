// Package migrations holds Birge's PostgreSQL migration files (Atlas
// format: one file a version, atlas.sum over them all) and the
// fingerprint of the ent schema they lead to, embedded in the binary.
// ent/migrate/main.go writes them; package database applies them.
// Never edit a migration file that was released: add a new one
// (`make migration name=...`).
package migrations

import "embed"

// Files are the migration files, atlas.sum and ent_schema.fingerprint
// (and this file: the pattern must match even before the first migration).
//
//go:embed *
var Files embed.FS
