// Tests of ingest: article extraction from saved news pages (tests/data/html),
// encodings, WARC reading (lying Content-Length, multi-member and truncated
// gzip), the `marsad ingest` command on good and bad inputs, a kill -9 in the
// middle of an ingest, and query/export/stats through the program.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "ingest/encoding.h"
#include "ingest/html.h"
#include "ingest/ingest.h"
#include "ingest/warc.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace marsad;
using namespace marsad::ingest;

namespace {

const fs::path kSource = MARSAD_SOURCE_DIR;
const fs::path kData = kSource / "data";

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("marsad_ingest_test_" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Append `bytes` as one gzip member.
void append_gzip_member(const fs::path& p, std::string_view bytes) {
  gzFile f = gzopen(p.c_str(), "ab");
  ASSERT_NE(f, nullptr);
  gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(f);
}

std::string encode(std::string_view utf8, const char* charset) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  EXPECT_TRUE(U_SUCCESS(err)) << u_errorName(err);
  out.resize(static_cast<size_t>(n));
  return out;
}

const HtmlExtractor& extractor() {
  static auto x = HtmlExtractor::load(kData);
  return *x;
}

std::string page(const std::string& title, const std::string& body_paragraphs) {
  return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>" + title + "</h1>" +
         body_paragraphs + "</body></html>";
}

const char* kPara1 =
    "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل مدنيين اثنين وإصابة "
    "آخرين، بحسب ما أفاد به الدفاع المدني الذي قال إن فرقه عملت على إسعاف الجرحى.";
const char* kPara2 =
    "وقال ناشطون إن القصف استهدف الأحياء السكنية في البلدة منذ ساعات الصباح الأولى، وإن عشرات العائلات نزحت "
    "باتجاه المخيمات القريبة من الحدود التركية خوفاً من تجدد القصف.";

std::string http_response(const std::string& html, const std::string& charset = "utf-8") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + charset +
         "\r\nContent-Length: " + std::to_string(html.size()) + "\r\n\r\n" + html;
}

std::string warc_record(const std::string& type, const std::string& uri, const std::string& block,
                        long content_length = -1) {
  std::string len = std::to_string(content_length < 0 ? static_cast<long>(block.size()) : content_length);
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2021-01-27T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + uri.substr(uri.size() - 1) +
         ">\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " + len + "\r\n\r\n" + block +
         "\r\n\r\n";
}

struct RunResult {
  int status = -1;
  std::string err;
};

// Run the marsad binary with arguments; stdout to `out` (if given), stderr captured.
RunResult run_marsad(const std::vector<std::string>& args, const fs::path& out = {}) {
  fs::path err_file = fs::temp_directory_path() / ("marsad_ingest_test_err_" + std::to_string(::getpid()));
  std::string cmd = std::string("MARSAD_DATA=") + kData.string() + " '" + MARSAD_BINARY + "'";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += out.empty() ? " > /dev/null" : " > '" + out.string() + "'";
  cmd += " 2> '" + err_file.string() + "'";
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.err = read_file(err_file);
  return r;
}

std::unique_ptr<store::Store> open_db(const fs::path& db) {
  store::SqliteOptions o;
  o.read_only = true;
  return store::open_sqlite(db, o);
}

}  // namespace

// ---------------------------------------------------------------- HTML pages

TEST(HtmlPages, ExtractsExpectedBodyFromSavedPages) {
  fs::path dir = kSource / "tests" / "data" / "html";
  size_t pages = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    const std::string suffix = ".expected.json";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) continue;
    std::string stem = name.substr(0, name.size() - suffix.size());
    fs::path html = dir / (stem + ".html");
    if (!fs::exists(html)) html = dir / (stem + ".htm");
    ASSERT_TRUE(fs::exists(html)) << stem;
    auto expected = nlohmann::json::parse(read_file(entry.path()));
    HtmlArticle a = extractor().extract(read_file(html));
    SCOPED_TRACE(stem);
    EXPECT_TRUE(a.ok) << a.reason;
    std::string want = expected["text"].get<std::string>();
    EXPECT_TRUE(a.doc.text == want) << "got:\n" << a.doc.text << "\n--- expected:\n" << want;
    EXPECT_EQ(a.doc.title, expected["title"].get<std::string>());
    EXPECT_EQ(a.doc.date, expected["date"].get<std::string>());
    EXPECT_EQ(a.doc.outlet, expected["outlet"].get<std::string>());
    EXPECT_EQ(a.doc.url, expected["url"].get<std::string>());
    EXPECT_EQ(a.encoding, expected["encoding"].get<std::string>());
    ++pages;
  }
  EXPECT_GE(pages, 20u);
}

TEST(HtmlPages, BoilerplateNeverLeaksIntoBody) {
  fs::path dir = kSource / "tests" / "data" / "html";
  for (const auto& entry : fs::directory_iterator(dir)) {
    auto ext = entry.path().extension();
    if (ext != ".html" && ext != ".htm") continue;
    HtmlArticle a = extractor().extract(read_file(entry.path()));
    for (const char* junk : {"زر الذهاب إلى الأعلى", "مقالات ذات صلة", "التعليقات", "جميع الحقوق محفوظة", "اقرأ أيضاً",
                             "شارك هذا المقال", "فيسبوك", "اترك تعليقاً", "©"})
      EXPECT_EQ(a.doc.text.find(junk), std::string::npos) << entry.path().filename() << " keeps «" << junk << "»";
  }
}

TEST(HtmlPages, BadPages) {
  EXPECT_FALSE(extractor().extract("").ok);
  HtmlArticle no_body = extractor().extract("<html><head><title>عنوان فقط</title></head></html>");
  EXPECT_FALSE(no_body.ok);
  EXPECT_NE(no_body.reason.find("body"), std::string::npos) << no_body.reason;
  HtmlArticle menu_only = extractor().extract(
      "<html><body><ul><li><a href='/'>الرئيسية</a></li><li><a href='/a'>سوريا</a></li></ul></body></html>");
  EXPECT_FALSE(menu_only.ok);
  std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20);
  HtmlArticle bin = extractor().extract(binary);
  EXPECT_FALSE(bin.ok);
  EXPECT_NE(bin.reason.find("binary"), std::string::npos);
}

TEST(HtmlPages, DatesFromMetaAndText) {
  EXPECT_EQ(normalise_iso_date("2021-01-27T10:00:00+03:00"), "2021-01-27");
  EXPECT_EQ(normalise_iso_date("27/01/2021"), "2021-01-27");
  EXPECT_EQ(normalise_iso_date("2021/1/5"), "2021-01-05");
  EXPECT_EQ(normalise_iso_date("منذ ساعتين"), "");
  std::string html = page("عنوان", std::string("<p>نشر في ١٥ تشرين الأول ٢٠٢٠</p><p>") + kPara1 + "</p><p>" + kPara2 + "</p>");
  EXPECT_EQ(extractor().extract(html).doc.date, "2020-10-15");
}

// ---------------------------------------------------------------- encodings

TEST(Encoding, DetectsArabicCodePages) {
  std::string text = std::string(kPara1) + " " + kPara2;
  std::string used;
  EXPECT_EQ(to_utf8(encode(text, "windows-1256"), "", &used), text);
  EXPECT_EQ(used, "windows-1256");
  EXPECT_EQ(to_utf8(encode(text, "ISO-8859-6"), "", &used), text);
  EXPECT_EQ(used, "ISO-8859-6");
  EXPECT_EQ(to_utf8(encode(text, "ISO-8859-6"), "iso-8859-6", &used), text);
  EXPECT_EQ(to_utf8(text, "windows-1256", &used), text) << "valid UTF-8 wins over a wrong label";
  EXPECT_EQ(used, "UTF-8");
  EXPECT_EQ(to_utf8("\xEF\xBB\xBF" + text, "", &used), text);
  EXPECT_EQ(to_utf8(encode(text, "UTF-16LE").insert(0, "\xFF\xFE"), "", &used), text);
  EXPECT_EQ(used, "UTF-16LE");
}

TEST(Encoding, BinaryDetection) {
  EXPECT_TRUE(looks_binary(std::string("abc\0def", 7)));
  EXPECT_FALSE(looks_binary(kPara1));
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 7919) % 31 + 1));
  EXPECT_TRUE(looks_binary(noise));
}

// ---------------------------------------------------------------- WARC

TEST(Warc, ReadsRecordsAndResynchronisesOnLyingContentLength) {
  fs::path dir = scratch("warc");
  std::string h1 = page("خبر أول", std::string("<p>") + kPara1 + "</p>");
  std::string h2 = page("خبر ثان", std::string("<p>") + kPara2 + "</p>");
  std::string h3 = page("خبر ثالث", std::string("<p>") + kPara1 + " " + kPara2 + "</p>");
  std::string r2 = http_response(h2);
  for (long lie : {static_cast<long>(r2.size()) + 500, static_cast<long>(r2.size()) - 40}) {
    std::string warc = warc_record("warcinfo", "urn:x0", "software: test") +
                       warc_record("response", "https://example.org/1", http_response(h1)) +
                       warc_record("response", "https://example.org/2", r2, lie) +
                       warc_record("response", "https://example.org/3", http_response(h3));
    fs::path file = dir / "crawl.warc";
    write_file(file, warc);
    std::vector<std::string> uris;
    std::vector<std::string> problems;
    WarcReader reader(file.string());
    reader.each(
        [&](const WarcRecord& r) {
          if (r.type == "response") {
            HttpResponse http;
            std::string reason;
            EXPECT_TRUE(parse_http_response(r.block, http, reason)) << reason;
            EXPECT_EQ(http.status, 200);
            HtmlArticle a = extractor().extract(http.body);
            EXPECT_TRUE(a.ok) << r.target_uri << ": " << a.reason;
            uris.push_back(r.target_uri);
          }
          return true;
        },
        [&](const std::string& where, const std::string& reason, bool recovered) {
          EXPECT_TRUE(recovered);
          problems.push_back(where + ": " + reason);
        });
    EXPECT_EQ(uris, (std::vector<std::string>{"https://example.org/1", "https://example.org/2", "https://example.org/3"}))
        << "lie " << lie;
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("Content-Length"), std::string::npos) << problems[0];
    EXPECT_NE(problems[0].find("record 3"), std::string::npos) << problems[0];
  }
}

TEST(Warc, MultiMemberAndTruncatedGzip) {
  fs::path dir = scratch("warcgz");
  fs::path file = dir / "crawl.warc.gz";
  for (int i = 1; i <= 3; ++i)
    append_gzip_member(file, warc_record("response", "https://example.org/" + std::to_string(i),
                                         http_response(page("خبر", std::string("<p>") + kPara1 + "</p>"))));
  size_t count = 0;
  WarcReader(file.string()).each([&](const WarcRecord&) { return ++count, true; },
                                 [](const std::string& w, const std::string& r, bool) { ADD_FAILURE() << w << r; });
  EXPECT_EQ(count, 3u);

  std::string bytes = read_file(file);
  write_file(dir / "cut.warc.gz", bytes.substr(0, bytes.size() - 60));
  count = 0;
  std::vector<std::string> errors;
  WarcReader((dir / "cut.warc.gz").string())
      .each([&](const WarcRecord&) { return ++count, true; },
            [&](const std::string&, const std::string& r, bool recovered) {
              if (!recovered) errors.push_back(r);
            });
  EXPECT_GE(count, 2u) << "records before the cut are kept";
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.back().find("truncated"), std::string::npos) << errors.back();
}

TEST(Warc, ChunkedAndCompressedHttpBodies) {
  std::string html = page("خبر", std::string("<p>") + kPara1 + "</p>");
  std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n";
  char hex[16];
  std::snprintf(hex, sizeof hex, "%zx", size_t{10});
  chunked += std::string(hex) + "\r\n" + html.substr(0, 10) + "\r\n";
  std::snprintf(hex, sizeof hex, "%zx", html.size() - 10);
  chunked += std::string(hex) + "\r\n" + html.substr(10) + "\r\n0\r\n\r\n";
  HttpResponse r;
  std::string reason;
  ASSERT_TRUE(parse_http_response(chunked, r, reason)) << reason;
  EXPECT_EQ(r.body, html);
  EXPECT_FALSE(parse_http_response("not http", r, reason));
}

// fuzz_warc (2026-11-26): a chunk size «-8» was read as 2^64 - 8 and the reader walked back
// over the body for ever, until out of memory. Now the broken chunking is reported and the
// body kept as far as it could be read.
TEST(Warc, NegativeOrHugeChunkSizeEnds) {
  for (const char* size : {"-8", "+8", "ffffffffffffffff", "fffffffffffffffffffffff", "7fffffffffffffff"}) {
    std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n";
    chunked += std::string(size) + "\r\nefgh\r\n0\r\n\r\n";
    HttpResponse r;
    std::string reason;
    parse_http_response(chunked, r, reason);
    EXPECT_LE(r.body.size(), chunked.size()) << size;
    EXPECT_EQ(r.body.substr(0, 4), "abcd") << size;
  }
  // the input the fuzzer found, whole
  std::ifstream in(std::string(MARSAD_SOURCE_DIR) + "/fuzz/regressions/warc-chunk-size-negative.bin", std::ios::binary);
  ASSERT_TRUE(in);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto dir = std::filesystem::temp_directory_path() / "marsad_warc_regression";
  std::filesystem::create_directories(dir);
  const auto path = dir / "negative-chunk.warc";
  { std::ofstream(path, std::ios::binary) << data; }
  WarcReader reader(path.string());
  size_t records = 0;
  reader.each(
      [&](const WarcRecord& rec) {
        ++records;
        HttpResponse http;
        std::string why;
        parse_http_response(rec.block, http, why);
        EXPECT_LE(http.body.size(), data.size());
        return true;
      },
      [](const std::string&, const std::string&, bool) {});
  EXPECT_LE(records, 2u);
  std::filesystem::remove_all(dir);
}

// ---------------------------------------------------------------- the program

TEST(IngestCommand, MixedFolderWithBadInputs) {
  fs::path dir = scratch("mixed");
  fs::path in = dir / "in";
  fs::create_directories(in / "pages");
  fs::copy(kSource / "tests" / "data" / "html", in / "pages", fs::copy_options::recursive);
  fs::remove(in / "pages" / "make_pages.py");
  write_file(in / "seed.txt", read_file(kSource / "tests" / "data" / "seed.txt"));
  write_file(in / "legacy.txt", encode(std::string(kPara1) + "\n" + kPara2, "windows-1256"));
  write_file(in / "corpus.jsonl",
             "{\"id\":\"j1\",\"date\":\"2021-01-27\",\"text\":\"" + std::string(kPara1) + "\"}\n"
             "{\"id\":\"j2\",\"text\":\"" + std::string(kPara2) + "\"}\n"
             "{broken json\n");
  // Truncated gzip JSON Lines: the complete lines before the cut are kept.
  std::string lines;
  for (int i = 0; i < 200; ++i)
    lines += "{\"id\":\"gz" + std::to_string(i) + "\",\"text\":\"" + kPara2 + " رقم " + std::to_string(i) + "\"}\n";
  append_gzip_member(in / "cut.jsonl.gz", lines);
  std::string gz = read_file(in / "cut.jsonl.gz");
  write_file(in / "cut.jsonl.gz", gz.substr(0, gz.size() * 2 / 3));
  // A WARC with a lying Content-Length.
  std::string r2 = http_response(page("خبر من الأرشيف", std::string("<p>") + kPara1 + " في أرشيف الويب.</p>"));
  append_gzip_member(in / "crawl.warc.gz",
                     warc_record("response", "https://example.org/w1", http_response(page("خبر", std::string("<p>") + kPara2 + " في الأرشيف.</p>"))) +
                         warc_record("response", "https://example.org/w2", r2, static_cast<long>(r2.size()) + 900) +
                         warc_record("response", "https://example.org/w3", http_response(page("خبر", std::string("<p>") + kPara1 + " نسخة ثالثة في الأرشيف.</p>"))));
  write_file(in / "nobody.html", "<html><head><title>بلا متن</title></head></html>");
  std::string binary;
  for (int i = 0; i < 3000; ++i) binary.push_back(static_cast<char>(i * 131 % 256));
  write_file(in / "image.txt", binary);
  write_file(in / "notes.pdf", binary);  // unknown type inside a folder: skipped silently

  fs::path db = dir / "m.db";
  RunResult r = run_marsad({"ingest", in.string(), "--db", db.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("image.txt: error: binary file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nobody.html: error: no <body>"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated gzip"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Content-Length"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("corpus.jsonl:line 3"), std::string::npos) << r.err;

  auto store = open_db(db);
  store::Stats s = store->stats();
  // 20 pages + seed + legacy + 2 JSON lines + the gz lines before the cut + 3 WARC pages.
  EXPECT_GE(s.documents, 20 + 2 + 2 + 100 + 3);
  EXPECT_LT(s.documents, 20 + 2 + 2 + 200 + 3);
  auto failures = store->failures();
  std::set<std::string> files;
  for (const auto& f : failures) files.insert(fs::path(f.file).filename().string());
  EXPECT_TRUE(files.count("image.txt"));
  EXPECT_TRUE(files.count("nobody.html"));
  EXPECT_TRUE(files.count("cut.jsonl.gz"));
  EXPECT_TRUE(files.count("crawl.warc.gz"));
  EXPECT_TRUE(files.count("corpus.jsonl"));
  EXPECT_FALSE(files.count("notes.pdf"));

  // Running again changes nothing.
  int64_t docs = s.documents, events = s.events;
  size_t nfail = failures.size();
  store.reset();
  r = run_marsad({"ingest", in.string(), "--db", db.string(), "--quiet"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "") << "--quiet prints nothing";
  store = open_db(db);
  EXPECT_EQ(store->stats().documents, docs);
  EXPECT_EQ(store->stats().events, events);
  EXPECT_EQ(store->failures().size(), nfail);

  // The seed article is there with its HTML-free text, and a page keeps its metadata.
  fs::path out = dir / "q.jsonl";
  r = run_marsad({"query", "--db", db.string(), "--text", "ذيبان", "--format", "jsonl"}, out);
  ASSERT_EQ(r.status, 0) << r.err;
  std::string q = read_file(out);
  EXPECT_NE(q.find("example-sharq.net"), std::string::npos) << q.substr(0, 500);
}

TEST(IngestCommand, QueryExportStats) {
  fs::path dir = scratch("qes");
  fs::path db = dir / "q.db";
  fs::path in = kSource / "tests" / "data" / "html";
  RunResult r = run_marsad({"ingest", in.string(), "--db", db.string(), "--quiet"});
  ASSERT_EQ(r.status, 0) << r.err;
  fs::path out = dir / "out";
  r = run_marsad({"stats", "--db", db.string()}, out);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(read_file(out).find("events by type"), std::string::npos);
  r = run_marsad({"export", "--db", db.string(), "--format", "acled-csv"}, out);
  ASSERT_EQ(r.status, 0) << r.err;
  std::string csv = read_file(out);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "event_id,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
            "assoc_actor_2,inter2,interaction,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
            "source,notes,fatalities");
  r = run_marsad({"export", "--db", db.string(), "--format", "jsonl", "--type", "ASSAULT"}, out);
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(read_file(out));
  size_t n = 0;
  for (std::string line; std::getline(lines, line); ++n) EXPECT_EQ(nlohmann::json::parse(line)["type"], "ASSAULT");
  EXPECT_GT(n, 0u);
  r = run_marsad({"query", "--db", db.string(), "--near", "not,a,point"});
  EXPECT_EQ(r.status, 2) << r.err;
  r = run_marsad({"query", "--db", (dir / "missing.db").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no database"), std::string::npos);
}

TEST(IngestCommand, GeoJsonOpensInOgrinfo) {
  if (std::system("command -v ogrinfo > /dev/null 2>&1") != 0)
    FAIL() << "ogrinfo not found: install gdal-bin (apt-get install -y gdal-bin; add it to scripts/install-deps)";
  fs::path dir = scratch("geo");
  fs::path db = dir / "g.db";
  RunResult r = run_marsad({"ingest", (kSource / "tests" / "data" / "html").string(), "--db", db.string(), "--quiet"});
  ASSERT_EQ(r.status, 0) << r.err;
  fs::path geo = dir / "events.geojson";
  r = run_marsad({"export", "--db", db.string(), "--format", "geojson", "--output", geo.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(read_file(geo));
  ASSERT_GT(j["features"].size(), 0u);
  fs::path info = dir / "ogrinfo.txt";
  std::string cmd = "ogrinfo -ro -al -so '" + geo.string() + "' > '" + info.string() + "' 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_file(info);
  std::string text = read_file(info);
  EXPECT_NE(text.find("Geometry: Point"), std::string::npos) << text;
  EXPECT_NE(text.find("Feature Count: " + std::to_string(j["features"].size())), std::string::npos) << text;
}

// kill -9 in the middle of an ingest, then run again: every document exactly once.
TEST(IngestCommand, CrashMidRunThenRerunCompletes) {
  fs::path dir = scratch("crash");
  fs::path corpus = dir / "corpus.jsonl";
  constexpr int kDocs = 3000;
  {
    std::ofstream out(corpus);
    for (int i = 0; i < kDocs; ++i)
      out << "{\"id\":\"d" << i << "\",\"date\":\"2021-01-27\",\"text\":\"" << kPara1 << " الخبر رقم " << i << ". "
          << kPara2 << "\"}\n";
  }
  fs::path db = dir / "crash.db";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setenv("MARSAD_DATA", kData.c_str(), 1);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(MARSAD_BINARY, "marsad", "ingest", corpus.c_str(), "--db", db.c_str(), "--batch", "50", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some batches are committed, then kill.
  int64_t seen = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!fs::exists(db)) continue;
    try {
      seen = open_db(db)->stats().documents;
    } catch (const std::exception&) {
      continue;
    }
    if (seen >= 200) break;
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest finished before it could be killed (" << seen << " documents seen)";
  int64_t after_kill = open_db(db)->stats().documents;
  EXPECT_GE(after_kill, seen) << "a committed document was lost";
  EXPECT_LT(after_kill, kDocs);

  RunResult r = run_marsad({"ingest", corpus.string(), "--db", db.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find(std::to_string(after_kill) + " already stored"), std::string::npos) << r.err;
  fs::path out = dir / "docs.txt";
  std::string cmd = "sqlite3 '" + db.string() + "' 'SELECT doc_id FROM documents' > '" + out.string() + "' 2>&1";
  if (std::system("command -v sqlite3 > /dev/null 2>&1") == 0 && std::system(cmd.c_str()) == 0) {
    std::istringstream ids(read_file(out));
    std::multiset<std::string> all;
    for (std::string id; std::getline(ids, id);) all.insert(id);
    EXPECT_EQ(all.size(), static_cast<size_t>(kDocs));
    for (int i = 0; i < kDocs; ++i) EXPECT_EQ(all.count("d" + std::to_string(i)), 1u) << "d" << i;
  } else {
    EXPECT_EQ(open_db(db)->stats().documents, kDocs);
  }
}
