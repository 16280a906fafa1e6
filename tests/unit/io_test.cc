// Reading documents (SPEC §2) and writing results (SPEC §3).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/documents.h"
#include "io/json_writer.h"
#include "marsad/marsad.h"

namespace fs = std::filesystem;
using marsad::Document;
using marsad::io::DocumentReader;
using marsad::io::ReadError;
using nlohmann::json;

namespace {

struct Collected {
  std::vector<Document> docs;
  std::vector<uint64_t> lines;
  std::vector<ReadError> errors;
};

Collected read_buffer(std::string_view bytes, marsad::io::ReaderOptions opt = {}) {
  Collected c;
  DocumentReader reader(opt);
  reader.read_json_lines(
      bytes, "buf.jsonl",
      [&](Document&& d, const marsad::io::Origin& o) {
        c.docs.push_back(std::move(d));
        c.lines.push_back(o.line);
        return true;
      },
      [&](const ReadError& e) { c.errors.push_back(e); });
  return c;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("marsad_io_test_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path write(const std::string& name, std::string_view bytes) const {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string escaped(std::string_view s) {
  std::string out;
  marsad::io::append_json_string(out, s);
  return out;
}

marsad::Result sample_result() {
  marsad::Result r;
  r.doc_id = "seed";
  marsad::Event e;
  e.type = "ASSAULT";
  e.mode = "clash";
  e.cameo = "190";
  e.acled_event_type = "Battles";
  e.acled_sub_event_type = "Armed clash";
  e.source.push_back({"ndf", "الدفاع الوطني", "National Defence Forces", {120, 133}});
  e.target.push_back({"irgc_regiment47", "الفوج 47", "IRGC 47th Regiment", {200, 208}});
  e.reciprocal = true;
  marsad::Place p;
  p.name_ar = "البوكمال";
  p.name_en = "Al-Bukamal";
  p.gazetteer_id = "syr-bukamal";
  p.lat = 34.4516789;
  p.lon = 40.9183;
  p.country = "SYR";
  p.admin1 = "Deir-ez-Zor";
  p.precision = "town";
  p.span = {60, 68};
  e.location = p;
  e.date = marsad::Date{"2021-01-25", "day", "ليل الاثنين", {150, 161}};
  e.casualties.killed = 2;
  e.casualties.killed_civilians = 1;
  e.status = "occurred";
  e.attribution = "مصادر محلية";
  e.evidence = {{50, 220}, {140, 149}, "triggers.tsv:12 اشتباكات"};
  e.confidence = 0.876;
  r.events.push_back(e);

  marsad::Event bare;  // every optional field empty
  bare.type = "CONSULT";
  bare.confidence = 0.5;
  r.events.push_back(bare);

  marsad::Relation rel;
  rel.actor = e.source[0];
  rel.relation = "backed_by";
  rel.patron = {"russia", "روسيا", "Russia", {140, 145}};
  rel.evidence = {{50, 220}, {134, 147}, "cues.tsv:3 المدعومة من"};
  r.relations.push_back(rel);
  return r;
}

}  // namespace

// ---------------------------------------------------------------- JSON writer

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(escaped("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(escaped("line\nnext\ttab\r"), R"("line\nnext\ttab\r")");
  EXPECT_EQ(escaped(std::string("\x01\x1f\b\f", 4)), R"("\u0001\u001f\b\f")");
  EXPECT_EQ(escaped(std::string("nul\0x", 5)), R"("nul\u0000x")");
  EXPECT_EQ(escaped(""), R"("")");
}

TEST(JsonWriter, PassesArabicThroughAndReplacesInvalidUtf8) {
  EXPECT_EQ(escaped("الدفاع الوطني"), "\"الدفاع الوطني\"");
  EXPECT_EQ(escaped("«البوكمال»"), "\"«البوكمال»\"");
  EXPECT_EQ(escaped("😀"), "\"😀\"");
  EXPECT_EQ(escaped("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(escaped("\xD8"), "\"\xEF\xBF\xBD\"");                  // truncated sequence
  EXPECT_EQ(escaped("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  EXPECT_EQ(escaped("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  // Whatever the bytes, the result parses as JSON.
  std::string junk;
  for (int i = 0; i < 256; ++i) junk.push_back(static_cast<char>(i));
  EXPECT_TRUE(json::accept(escaped(junk)));
}

TEST(JsonWriter, NumbersHaveFixedPrecision) {
  auto num = [](double v, int d) {
    std::string s;
    marsad::io::append_json_number(s, v, d);
    return s;
  };
  EXPECT_EQ(num(34.4516789, 5), "34.45168");
  EXPECT_EQ(num(34.45, 5), "34.45");
  EXPECT_EQ(num(40.0, 5), "40");
  EXPECT_EQ(num(-0.000001, 5), "0");
  EXPECT_EQ(num(0.876, 2), "0.88");
  EXPECT_EQ(num(1.0 / 0.0, 2), "null");
}

TEST(JsonWriter, ResultHasTheSpecShape) {
  std::string line = marsad::to_json(sample_result());
  ASSERT_FALSE(line.empty());
  EXPECT_NE(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), std::string::npos);
  json j = json::parse(line);
  EXPECT_EQ(j["doc_id"], "seed");
  ASSERT_EQ(j["events"].size(), 2u);
  const json& e = j["events"][0];
  for (const char* key : {"type", "mode", "cameo", "acled", "source", "target", "reciprocal", "location", "date",
                          "casualties", "status", "attribution", "evidence", "confidence"}) {
    EXPECT_TRUE(e.contains(key)) << key;
  }
  EXPECT_EQ(e.size(), 14u);
  EXPECT_EQ(e["type"], "ASSAULT");
  EXPECT_EQ(e["mode"], "clash");
  EXPECT_EQ(e["cameo"], "190");
  EXPECT_EQ(e["acled"], (json{{"event_type", "Battles"}, {"sub_event_type", "Armed clash"}}));
  EXPECT_EQ(e["source"][0], (json{{"id", "ndf"},
                                  {"name_ar", "الدفاع الوطني"},
                                  {"name_en", "National Defence Forces"},
                                  {"span", {120, 133}}}));
  EXPECT_EQ(e["target"][0]["id"], "irgc_regiment47");
  EXPECT_EQ(e["reciprocal"], true);
  const json& loc = e["location"];
  EXPECT_EQ(loc["name_ar"], "البوكمال");
  EXPECT_EQ(loc["gazetteer_id"], "syr-bukamal");
  EXPECT_DOUBLE_EQ(loc["lat"].get<double>(), 34.45168);
  EXPECT_DOUBLE_EQ(loc["lon"].get<double>(), 40.9183);
  EXPECT_EQ(loc["country"], "SYR");
  EXPECT_TRUE(loc["admin2"].is_null());
  EXPECT_EQ(loc["precision"], "town");
  EXPECT_EQ(loc["span"], (json{60, 68}));
  EXPECT_EQ(loc.size(), 10u);
  EXPECT_EQ(e["date"], (json{{"value", "2021-01-25"}, {"precision", "day"}, {"text", "ليل الاثنين"}}));
  EXPECT_EQ(e["casualties"], (json{{"killed", 2}, {"injured", nullptr}, {"killed_civilians", 1}}));
  EXPECT_EQ(e["status"], "occurred");
  EXPECT_EQ(e["attribution"], "مصادر محلية");
  EXPECT_EQ(e["evidence"],
            (json{{"sentence", {50, 220}}, {"trigger", {140, 149}}, {"rule", "triggers.tsv:12 اشتباكات"}}));
  EXPECT_DOUBLE_EQ(e["confidence"].get<double>(), 0.88);

  ASSERT_EQ(j["relations"].size(), 1u);
  const json& r = j["relations"][0];
  EXPECT_EQ(r.size(), 4u);
  EXPECT_EQ(r["actor"]["id"], "ndf");
  EXPECT_EQ(r["relation"], "backed_by");
  EXPECT_EQ(r["patron"]["id"], "russia");
  EXPECT_EQ(r["evidence"]["trigger"], (json{134, 147}));
}

TEST(JsonWriter, EmptyFieldsAreNull) {
  json e = json::parse(marsad::to_json(sample_result()))["events"][1];
  EXPECT_TRUE(e["mode"].is_null());
  EXPECT_TRUE(e["cameo"].is_null());
  EXPECT_TRUE(e["acled"].is_null());
  EXPECT_TRUE(e["location"].is_null());
  EXPECT_TRUE(e["date"].is_null());
  EXPECT_TRUE(e["attribution"].is_null());
  EXPECT_EQ(e["source"], json::array());
  EXPECT_EQ(e["target"], json::array());
  EXPECT_EQ(e["reciprocal"], false);
  EXPECT_EQ(e["casualties"], (json{{"killed", nullptr}, {"injured", nullptr}}));
  EXPECT_EQ(e["status"], "occurred");

  marsad::Result r;
  r.doc_id = "x";
  marsad::Event ev;
  ev.type = "ASSAULT";
  marsad::Place p;
  p.name_ar = "مكان";
  ev.location = p;  // unresolved place: coordinates null
  ev.date = marsad::Date{"", "day", "الاثنين", {}};
  r.events.push_back(ev);
  json j = json::parse(marsad::to_json(r));
  EXPECT_TRUE(j["events"][0]["location"]["lat"].is_null());
  EXPECT_TRUE(j["events"][0]["location"]["lon"].is_null());
  EXPECT_TRUE(j["events"][0]["date"]["value"].is_null());
  EXPECT_EQ(marsad::to_json(marsad::Result{"d", {}, {}}), R"({"doc_id":"d","events":[],"relations":[]})");
}

TEST(JsonWriter, SurvivesHostileStrings) {
  marsad::Result r = sample_result();
  r.doc_id = "id\"\\\n\x01\xFF";
  r.events[0].attribution = "\"quoted\" \\ back";
  r.events[0].evidence.rule = std::string("nul\0rule", 8);
  json j = json::parse(marsad::to_json(r));
  EXPECT_EQ(j["doc_id"], "id\"\\\n\x01\xEF\xBF\xBD");
  EXPECT_EQ(j["events"][0]["attribution"], "\"quoted\" \\ back");
  EXPECT_EQ(j["events"][0]["evidence"]["rule"], std::string("nul\0rule", 8));
}

// --------------------------------------------------------------- JSON Lines

TEST(JsonLines, ReadsFieldsAndIgnoresUnknownOnes) {
  auto c = read_buffer(
      R"({"id": "seed", "date": "2021-01-27", "outlet": "المدن", "url": "https://x/1", "title": "عنوان", "text": "نص الخبر", "lang": "ar", "tags": [1, {"a": null}]})"
      "\n");
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_TRUE(c.errors.empty());
  const Document& d = c.docs[0];
  EXPECT_EQ(d.id, "seed");
  EXPECT_EQ(d.date, "2021-01-27");
  EXPECT_EQ(d.outlet, "المدن");
  EXPECT_EQ(d.url, "https://x/1");
  EXPECT_EQ(d.title, "عنوان");
  EXPECT_EQ(d.text, "نص الخبر");
}

TEST(JsonLines, BadLinesAreReportedAndSkipped) {
  std::string input =
      "{\"id\":\"a\",\"text\":\"نص أول\"}\n"          // 1 good
      "{\"id\":\"b\",\"text\":\n"                     // 2 broken
      "\n"                                            // 3 blank: silently skipped
      "{\"id\":\"c\",\"text\":\"\xD8\"}\n"            // 4 invalid UTF-8
      "{\"id\":\"d\",\"text\":\"  \\n \"}\n"          // 5 empty text
      "{\"text\":\"بلا معرف\"}\n"                     // 6 missing id
      "{\"id\":\"f\"}\n"                              // 7 missing text
      "[\"not\",\"an\",\"object\"]\n"                 // 8 not an object
      "{\"id\":\"g\",\"text\":5}\n"                   // 9 text not a string
      "{\"id\":\"h\",\"text\":\"x\"} trailing\n"      // 10 trailing garbage
      "{\"id\":\"i\",\"text\":\"نص أخير\"}";          // 11 good, no final newline
  auto c = read_buffer(input);
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].id, "a");
  EXPECT_EQ(c.docs[1].id, "i");
  EXPECT_EQ(c.lines, (std::vector<uint64_t>{1, 11}));
  std::vector<uint64_t> bad_lines;
  for (const auto& e : c.errors) bad_lines.push_back(e.line);
  EXPECT_EQ(bad_lines, (std::vector<uint64_t>{2, 4, 5, 6, 7, 8, 9, 10}));
  ASSERT_EQ(c.errors.size(), 8u);
  EXPECT_NE(c.errors[1].reason.find("UTF-8"), std::string::npos);
  EXPECT_NE(c.errors[2].reason.find("empty text"), std::string::npos);
  EXPECT_NE(c.errors[3].reason.find("\"id\""), std::string::npos);
  EXPECT_NE(c.errors[4].reason.find("\"text\""), std::string::npos);
  EXPECT_EQ(c.errors[0].to_string().rfind("buf.jsonl:2: ", 0), 0u);
}

TEST(JsonLines, NumericIdTimestampDateBomAndCrlf) {
  auto c = read_buffer("\xEF\xBB\xBF{\"id\":17,\"date\":\"2021-01-27T08:30:00Z\",\"text\":\"x\"}\r\n"
                       "{\"id\":\"z\",\"date\":\"امس\",\"text\":\"y\"}\r\n");
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.docs[0].id, "17");
  EXPECT_EQ(c.docs[0].date, "2021-01-27");
  EXPECT_EQ(c.docs[1].date, "");  // not ISO: dropped with a warning
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
}

TEST(JsonLines, OversizedLineIsSkipped) {
  marsad::io::ReaderOptions opt;
  opt.max_document_bytes = 100;
  std::string big = "{\"id\":\"big\",\"text\":\"" + std::string(200, 'x') + "\"}";
  auto c = read_buffer("{\"id\":\"a\",\"text\":\"x\"}\n" + big + "\n{\"id\":\"b\",\"text\":\"y\"}\n", opt);
  ASSERT_EQ(c.docs.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].line, 2u);
  EXPECT_NE(c.errors[0].reason.find("limit"), std::string::npos);
}

TEST(JsonLines, ParseDocumentJson) {
  Document d;
  std::string reason;
  EXPECT_TRUE(marsad::io::parse_document_json(R"({"id":"x","text":"نص"})", d, reason));
  EXPECT_EQ(d.text, "نص");
  EXPECT_FALSE(marsad::io::parse_document_json(R"({"id":"","text":"نص"})", d, reason));
  EXPECT_FALSE(marsad::io::parse_document_json("", d, reason));
  EXPECT_FALSE(marsad::io::parse_document_json(std::string(5000, '['), d, reason));
}

// -------------------------------------------------------------------- files

TEST(Files, StreamsJsonLinesFileAndStopsOnRequest) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"نص\"}\n";
  auto path = dir.write("corpus.jsonl", body);
  DocumentReader reader;
  size_t n = 0;
  auto stats = reader.read(
      path.string(), [&](Document&&, const marsad::io::Origin&) { return ++n < 10; }, nullptr);
  EXPECT_EQ(n, 10u);
  EXPECT_TRUE(stats.stopped);
  std::vector<ReadError> errors;
  EXPECT_EQ(marsad::io::read_all(path.string(), &errors).size(), 1000u);
  EXPECT_TRUE(errors.empty());
}

TEST(Files, ReadsGzipCompressedJsonLines) {
  TempDir dir;
  auto path = dir.write("c.jsonl", "{\"id\":\"a\",\"text\":\"نص\"}\nbroken\n{\"id\":\"b\",\"text\":\"نص\"}\n");
  std::string cmd = "gzip -f '" + path.string() + "'";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "gzip not available";
  std::vector<ReadError> errors;
  auto docs = marsad::io::read_all(path.string() + ".gz", &errors);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].id, "b");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 2u);
}

TEST(Files, TextFileIsOneArticleNamedAfterTheFile) {
  TempDir dir;
  auto path = dir.write("report-17.txt", "عنوان الخبر\n\nقصفت قوات النظام بلدة كفرنبل.\n");
  std::vector<ReadError> errors;
  auto docs = marsad::io::read_all(path.string(), &errors);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "report-17");
  EXPECT_EQ(docs[0].title, "عنوان الخبر");
  EXPECT_EQ(docs[0].text, "عنوان الخبر\n\nقصفت قوات النظام بلدة كفرنبل.\n");
  EXPECT_TRUE(errors.empty());
}

TEST(Files, Windows1256TextIsConverted) {
  // «قصفت قوات النظام» in Windows-1256.
  const std::string cp1256 = "\xDE\xD5\xDD\xCA \xDE\xE6\xC7\xCA \xC7\xE1\xE4\xD9\xC7\xE3";
  std::string encoding;
  EXPECT_EQ(marsad::io::decode_text(cp1256, &encoding), "قصفت قوات النظام");
  EXPECT_EQ(encoding, "windows-1256");
  TempDir dir;
  auto docs = marsad::io::read_all(dir.write("old.txt", cp1256).string());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "قصفت قوات النظام");
}

TEST(Files, DecodesBomsAndUtf16) {
  std::string enc;
  EXPECT_EQ(marsad::io::decode_text("\xEF\xBB\xBFنص", &enc), "نص");
  EXPECT_EQ(enc, "UTF-8");
  EXPECT_EQ(marsad::io::decode_text(std::string("\xFF\xFE\x46\x06\x35\x06", 6), &enc), "نص");
  EXPECT_EQ(enc, "UTF-16LE");
  EXPECT_EQ(marsad::io::decode_text(std::string("\xFE\xFF\x06\x46\x06\x35", 6), &enc), "نص");
  EXPECT_EQ(enc, "UTF-16BE");
  EXPECT_EQ(marsad::io::decode_text("", &enc), "");
}

TEST(Files, SniffsFormatWhenTheNameSaysNothing) {
  TempDir dir;
  auto a = dir.write("noext", "  \n{\"id\":\"a\",\"text\":\"نص\"}\n");
  auto b = dir.write("other", "نص عادي");
  auto da = marsad::io::read_all(a.string());
  auto db = marsad::io::read_all(b.string());
  ASSERT_EQ(da.size(), 1u);
  EXPECT_EQ(da[0].id, "a");
  ASSERT_EQ(db.size(), 1u);
  EXPECT_EQ(db[0].id, "other");
}

TEST(Files, ProblemsWithWholeFilesAreReported) {
  TempDir dir;
  std::vector<ReadError> errors;
  EXPECT_TRUE(marsad::io::read_all((dir.path() / "missing.jsonl").string(), &errors).empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 0u);
  EXPECT_NE(errors[0].to_string().find("missing.jsonl: cannot open"), std::string::npos);

  errors.clear();
  EXPECT_TRUE(marsad::io::read_all(dir.path().string(), &errors).empty());
  ASSERT_EQ(errors.size(), 1u);

  errors.clear();
  EXPECT_TRUE(marsad::io::read_all(dir.write("empty.txt", " \n\n").string(), &errors).empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].reason.find("empty"), std::string::npos);

  errors.clear();
  marsad::io::ReaderOptions opt;
  opt.max_document_bytes = 10;
  EXPECT_TRUE(marsad::io::read_all(dir.write("long.txt", std::string(100, 'x')).string(), &errors, opt).empty());
  ASSERT_EQ(errors.size(), 1u);

  errors.clear();
  auto docs = marsad::io::read_all(dir.write("trunc.jsonl.gz", std::string("\x1f\x8b\x08\x00garbage", 11)).string(),
                                   &errors);
  EXPECT_TRUE(docs.empty());
  EXPECT_FALSE(errors.empty());
}
