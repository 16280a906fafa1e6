// Store faults (issue 8), through the real `marsad ingest` program: a full disk
// (a 1 MB-ish tmpfs in a private mount namespace when the machine allows it,
// and always a file-size limit, `ulimit -f`, which fails SQLite's writes the
// same way), a read-only database (the immutable attribute, which stops root
// too, and a read-only bind mount; chmod for other users), a database file
// damaged on purpose, and two ingests on the same database at once. Each must
// end with a clear error naming the database file (or succeed), leave no
// half-written document (checked with SQL), and the next run must complete
// the job.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/fs.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit = -1;
  std::string out;  // stdout + stderr
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class StoreFault : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("marsad-store-fault-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    corpus_ = dir_ / "corpus.jsonl";
    write_corpus(corpus_, 0, kDocs);
  }
  void TearDown() override {
    set_immutable(dir_ / "m.db", false);
    fs::remove_all(dir_);
  }

  static constexpr int kDocs = 400;

  // Distinct articles that code to events (towns, dates and counts vary).
  static void write_corpus(const fs::path& p, int from, int to) {
    static const char* towns[] = {"كفرنبل", "معرة النعمان", "سراقب", "أريحا", "جسر الشغور", "خان شيخون"};
    std::ofstream out(p);
    for (int i = from; i < to; ++i) {
      std::string day = std::to_string(1 + i % 28);
      out << "{\"id\":\"doc" << i << "\",\"date\":\"2021-02-" << (day.size() == 1 ? "0" : "") << day
          << "\",\"text\":\"قصفت قوات النظام بلدة " << towns[i % 6] << " في ريف إدلب يوم الثلاثاء ما أدى إلى مقتل "
          << (i % 9 + 2) << " مدنيين وإصابة " << (i % 7 + 1) << " آخرين. وقالت مصادر محلية إن الغارة رقم " << i
          << " استهدفت منازل المدنيين.\"}\n";
    }
  }

  Outcome run(const std::string& cmd) const {
    fs::path log = dir_ / "run.log";
    int st = std::system(("timeout 600 sh -c " + quote(cmd) + " > " + quote(log.string()) + " 2>&1").c_str());
    Outcome r;
    r.exit = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp(log);
    return r;
  }
  std::string ingest_cmd(const fs::path& db, const fs::path& corpus, int batch = 25) const {
    return quote(MARSAD_BINARY) + " ingest " + quote(corpus.string()) + " --db " + quote(db.string()) + " --data " +
           quote(std::string(MARSAD_SOURCE_DIR) + "/data") + " --batch " + std::to_string(batch);
  }

  // One number from SQL (or -1 with the error in *err).
  static long long sql_number(const fs::path& db, const std::string& sql, std::string* err = nullptr) {
    sqlite3* h = nullptr;
    long long v = -1;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
      else if (err)
        *err = sqlite3_errmsg(h);
      sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return v;
  }

  // No half-written document: every stored document is complete (its events,
  // sources and full-text row are there), nothing points at a missing row, and
  // SQLite finds the file sound. Returns the number of documents.
  static long long expect_consistent(const fs::path& db, const std::string& when) {
    std::string err;
    EXPECT_EQ(sql_number(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'", &err), 0)
        << when << " " << err;
    EXPECT_EQ(sql_number(db,
                         "SELECT count(*) FROM documents d WHERE d.n_events != "
                         "(SELECT count(*) FROM event_sources s WHERE s.document_id = d.id)"),
              0)
        << when << ": a document without all its events";
    EXPECT_EQ(sql_number(db, "SELECT count(*) FROM events e WHERE NOT EXISTS "
                             "(SELECT 1 FROM event_sources s WHERE s.event_id = e.id)"),
              0)
        << when << ": an event without a source";
    EXPECT_EQ(sql_number(db, "SELECT count(*) FROM event_sources s WHERE NOT EXISTS "
                             "(SELECT 1 FROM documents d WHERE d.id = s.document_id)"),
              0)
        << when << ": a source without its document";
    EXPECT_EQ(sql_number(db, "SELECT count(*) FROM event_actors a WHERE NOT EXISTS "
                             "(SELECT 1 FROM events e WHERE e.id = a.event_id)"),
              0)
        << when;
    EXPECT_EQ(sql_number(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                             "(SELECT 1 FROM documents_fts f WHERE f.rowid = d.id)"),
              0)
        << when << ": a document missing from the full-text index";
    return sql_number(db, "SELECT count(*) FROM documents");
  }

  // The immutable attribute (chattr +i): even root cannot open the file for writing.
  static bool set_immutable(const fs::path& p, bool on) {
    int fd = ::open(p.c_str(), O_RDONLY | O_NONBLOCK);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
      flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
  }

  bool can_unshare_mount() const {
    return run("unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs " + quote(dir_.string()) + "'").exit == 0;
  }

  // A reference run into a fresh file: how many documents the corpus gives.
  long long reference_documents() {
    fs::path ref = dir_ / "ref.db";
    Outcome r = run(ingest_cmd(ref, corpus_));
    EXPECT_EQ(r.exit, 0) << r.out;
    long long n = expect_consistent(ref, "reference run");
    EXPECT_EQ(n, kDocs);
    return n;
  }

  fs::path dir_;
  fs::path corpus_;
};

TEST_F(StoreFault, FullDiskFileSizeLimit) {
  long long want = reference_documents();
  auto ref_bytes = fs::file_size(dir_ / "ref.db");
  fs::path db = dir_ / "full.db";
  // SIGXFSZ ignored: writes past the limit fail with EFBIG instead of killing
  // the process. The write-ahead log grows to about twice the finished
  // database, so a limit of the database's size stops the run half-way.
  // (`sh` is dash on Debian: ulimit -f counts 512-byte blocks.)
  long blocks = static_cast<long>(ref_bytes / 512);
  Outcome r = run("bash -c " + quote("trap '' XFSZ; ulimit -f " + std::to_string(blocks / 2) + "; exec " +
                                     ingest_cmd(db, corpus_)));
  EXPECT_EQ(r.exit, 4) << r.out;
  EXPECT_NE(r.out.find(db.string()), std::string::npos) << "error must name the file: " << r.out;
  // EFBIG reaches SQLite as an I/O error (ENOSPC, below, as "disk is full")
  EXPECT_NE(r.out.find("I/O error"), std::string::npos) << r.out;
  long long partial = expect_consistent(db, "after the failed run");
  EXPECT_GT(partial, 0) << "the batches committed before the disk filled up stay";
  EXPECT_LT(partial, want);
  Outcome again = run(ingest_cmd(db, corpus_));
  EXPECT_EQ(again.exit, 0) << again.out;
  EXPECT_EQ(expect_consistent(db, "after the second run"), want);
}

TEST_F(StoreFault, FullDiskSmallFileSystem) {
  if (!can_unshare_mount()) GTEST_SKIP() << "no private mount namespace here (needs root); the file-size test covers it";
  long long want = reference_documents();
  auto ref_bytes = fs::file_size(dir_ / "ref.db");
  fs::path mnt = dir_ / "mnt", saved = dir_ / "saved";
  fs::create_directories(mnt);
  fs::create_directories(saved);
  // tmpfs the size of the finished database (its write-ahead log needs about
  // twice that, so the run stops half-way); the files are
  // copied out before the namespace (and the tmpfs) goes away.
  std::string size = std::to_string(ref_bytes / 4096 * 4096);
  Outcome r = run("unshare -m sh -c " +
              quote("mount -t tmpfs -o size=" + size + " tmpfs " + quote(mnt.string()) + " && { " +
                    ingest_cmd(mnt / "m.db", corpus_) + "; echo \"exit=$?\"; cp -a " + quote(mnt.string()) + "/. " +
                    quote(saved.string()) + "/; }"));
  EXPECT_NE(r.out.find("exit=4"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find((mnt / "m.db").string()), std::string::npos) << "error must name the file: " << r.out;
  EXPECT_NE(r.out.find("full"), std::string::npos) << r.out;
  ASSERT_TRUE(fs::exists(saved / "m.db")) << r.out;
  long long partial = expect_consistent(saved / "m.db", "after the disk filled up");
  EXPECT_GT(partial, 0) << "the batches committed before the disk filled up stay";
  EXPECT_LT(partial, want);
  // space freed (the files moved to a roomy disk): the same command completes the job
  Outcome again = run(ingest_cmd(saved / "m.db", corpus_));
  EXPECT_EQ(again.exit, 0) << again.out;
  EXPECT_EQ(expect_consistent(saved / "m.db", "after the second run"), want);
}

TEST_F(StoreFault, ReadOnlyDatabase) {
  fs::path half = dir_ / "half.jsonl";
  write_corpus(half, 0, kDocs / 2);
  fs::path db = dir_ / "m.db";
  ASSERT_EQ(run(ingest_cmd(db, half)).exit, 0);
  long long before = expect_consistent(db, "first half");
  std::string bytes_before = slurp(db);
  int variants = 0;

  if (::geteuid() != 0) {  // chmod stops other users, not root
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    Outcome r = run(ingest_cmd(db, corpus_));
    EXPECT_EQ(r.exit, 4) << r.out;
    EXPECT_NE(r.out.find(db.string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("read-only"), std::string::npos) << r.out;
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
    ++variants;
  }
  if (set_immutable(db, true)) {  // chattr +i: refuses root as well
    Outcome r = run(ingest_cmd(db, corpus_));
    set_immutable(db, false);
    EXPECT_EQ(r.exit, 4) << r.out;
    EXPECT_NE(r.out.find(db.string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("read-only"), std::string::npos) << r.out;
    EXPECT_EQ(slurp(db), bytes_before) << "the file changed";
    ++variants;
  }
  if (can_unshare_mount()) {  // the folder on a read-only (bind) mount
    Outcome r = run("unshare -m sh -c " + quote("mount --bind " + quote(dir_.string()) + " " + quote(dir_.string()) +
                                            " && mount -o remount,bind,ro " + quote(dir_.string()) + " && " +
                                            ingest_cmd(db, corpus_)));
    EXPECT_EQ(r.exit, 4) << r.out;
    EXPECT_NE(r.out.find(db.string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("read-only"), std::string::npos) << r.out;
    ++variants;
  }
  if (variants == 0) GTEST_SKIP() << "root, and neither the immutable attribute nor mount namespaces are available";
  EXPECT_EQ(expect_consistent(db, "after the refused runs"), before);
  Outcome again = run(ingest_cmd(db, corpus_));
  EXPECT_EQ(again.exit, 0) << again.out;
  EXPECT_EQ(expect_consistent(db, "writable again"), kDocs);
}

TEST_F(StoreFault, CorruptDatabaseFile) {
  fs::path half = dir_ / "half.jsonl";
  write_corpus(half, 0, kDocs / 2);
  fs::path db = dir_ / "m.db", backup = dir_ / "backup.db";
  ASSERT_EQ(run(ingest_cmd(db, half)).exit, 0);
  ASSERT_FALSE(fs::exists(db.string() + "-wal") && fs::file_size(db.string() + "-wal") > 0);
  fs::copy_file(db, backup);
  auto size = fs::file_size(db);

  // 1. the header overwritten: not a database any more
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.write("this is no longer a SQLite file, sorry....", 42);
  }
  std::string damaged = slurp(db);
  Outcome r = run(ingest_cmd(db, corpus_));
  EXPECT_EQ(r.exit, 4) << r.out;
  EXPECT_NE(r.out.find(db.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("damaged"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(db), damaged) << "a damaged file must not be changed";

  // 2. header intact, every other page garbage
  fs::copy_file(backup, db, fs::copy_options::overwrite_existing);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string junk(size - 4096, '\xA5');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  damaged = slurp(db);
  r = run(ingest_cmd(db, corpus_));
  EXPECT_EQ(r.exit, 4) << r.out;
  EXPECT_NE(r.out.find(db.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("damaged"), std::string::npos) << r.out;

  // restored from the backup, the same command completes the job
  fs::copy_file(backup, db, fs::copy_options::overwrite_existing);
  Outcome again = run(ingest_cmd(db, corpus_));
  EXPECT_EQ(again.exit, 0) << again.out;
  EXPECT_EQ(expect_consistent(db, "restored"), kDocs);
}

TEST_F(StoreFault, TwoIngestsAtOnce) {
  // Two overlapping corpora (documents 0-399 and 200-599) into one file at the same time.
  fs::path second = dir_ / "second.jsonl";
  write_corpus(second, kDocs / 2, kDocs + kDocs / 2);
  fs::path db = dir_ / "m.db";
  Outcome a, b;
  std::thread ta([&] { a = run(ingest_cmd(db, corpus_, 10)); });
  std::thread tb([&] { b = run(ingest_cmd(db, second, 10)); });
  ta.join();
  tb.join();
  for (const Outcome* x : {&a, &b}) {
    // both finish, or one gives up with a clear error naming the file
    EXPECT_TRUE(x->exit == 0 || (x->exit == 4 && x->out.find(db.string()) != std::string::npos)) << x->out;
  }
  expect_consistent(db, "after two ingests at once");
  // the next runs complete the job; every document is stored once
  EXPECT_EQ(run(ingest_cmd(db, corpus_)).exit, 0);
  EXPECT_EQ(run(ingest_cmd(db, second)).exit, 0);
  EXPECT_EQ(expect_consistent(db, "after the re-runs"), kDocs + kDocs / 2);
  EXPECT_EQ(sql_number(db, "SELECT count(DISTINCT doc_id) FROM documents"), kDocs + kDocs / 2);
}

}  // namespace
