// Opening the event store by name: a SQLite file or a PostgreSQL connection
// string (issue 7). Every command that takes --db uses open_store(), so the
// same commands run on a laptop file or a shared PostGIS database.
//
//   auto s = marsad::store::open_store("marsad.db");                          // SQLite file
//   auto s = marsad::store::open_store("postgresql://marsad@127.0.0.1:5432/marsad");
//   auto s = marsad::store::open_store(dsn, {.read_only = true});
//
// The PostgreSQL store has the schema and deduplication of the SQLite store
// (docs/store.md, docs/scale.md); places are PostGIS geography points with a
// GiST index. Writers serialise their transactions on one advisory lock, so
// concurrent workers never store a document or an event twice.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace marsad::store {

struct OpenOptions {
  bool read_only = false;
  double merge_radius_km = 5.0;
  int merge_days = 1;
};

// "postgresql://…", "postgres://…" or a libpq key=value string ("host=… dbname=…").
bool is_postgres_dsn(std::string_view db);

// The DSN with any password replaced by "***", for messages.
std::string redact_dsn(std::string_view db);

// Opens (creating the schema if needed, unless read-only) a PostgreSQL store.
// Throws StoreError naming the (redacted) DSN and the server's message.
std::unique_ptr<Store> open_postgres(const std::string& dsn, OpenOptions options = {});

// PostgreSQL when is_postgres_dsn(db), else a SQLite file.
std::unique_ptr<Store> open_store(const std::string& db, OpenOptions options = {});

// The --db default: $MARSAD_DB when set, else "marsad.db".
std::string default_db();

}  // namespace marsad::store
