// The `marsad` program end to end on good and bad input: exit codes, one
// output line per readable document, errors on stderr as FILE:LINE: reason.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Outcome {
  int status = -1;
  std::string out;
  std::string err;
  std::vector<std::string> lines() const {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("marsad_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path write(const std::string& name, std::string_view bytes) const {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }

  // Outcome `marsad ARGS` (ARGS already shell-quoted), optionally with a file on stdin.
  // A run over `timeout_s` seconds is killed and reports status 124.
  Outcome run(const std::string& args, const std::string& stdin_path = "", int timeout_s = 120) const {
    fs::path out = dir_ / "stdout";
    fs::path err = dir_ / "stderr";
    std::string cmd = "timeout " + std::to_string(timeout_s) + " " + quote(MARSAD_BINARY) + " " + args + " > " + quote(out.string()) + " 2> " +
                      quote(err.string());
    cmd += " < " + (stdin_path.empty() ? std::string("/dev/null") : quote(stdin_path));
    int raw = std::system(cmd.c_str());
    Outcome r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  fs::path dir_;
};

std::string doc_line(const std::string& id, const std::string& text) {
  return json{{"id", id}, {"date", "2021-01-27"}, {"text", text}}.dump();
}

const std::string kSentence =
    "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل مدنيين اثنين.";

// Every line is a SPEC §3 object; returns the doc_ids in order.
std::vector<std::string> doc_ids(const Outcome& r) {
  std::vector<std::string> ids;
  for (const auto& line : r.lines()) {
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line.substr(0, 200);
    if (j.is_discarded()) continue;
    EXPECT_TRUE(j.contains("events") && j["events"].is_array()) << line.substr(0, 200);
    EXPECT_TRUE(j.contains("relations") && j["relations"].is_array()) << line.substr(0, 200);
    ids.push_back(j.value("doc_id", ""));
  }
  return ids;
}

}  // namespace

TEST_F(CliTest, VersionAndHelp) {
  Outcome v = run("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("marsad"), std::string::npos);
  Outcome h = run("code --help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("--threads"), std::string::npos);
  EXPECT_EQ(run("").status, 2);               // no subcommand
  EXPECT_EQ(run("code --threads 0").status, 2);  // bad option value
  EXPECT_EQ(run("frobnicate").status, 2);
}

TEST_F(CliTest, BrokenLineBetweenTwoGoodOnes) {
  auto f = write("mixed.jsonl", doc_line("a", kSentence) + "\n{\"id\":\"b\",\"text\":\n" + doc_line("c", kSentence) + "\n");
  Outcome r = run("code " + quote(f.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"a", "c"}));
  EXPECT_NE(r.err.find("mixed.jsonl:2:"), std::string::npos) << r.err;
}

TEST_F(CliTest, InvalidUtf8EmptyAndIncompleteDocumentsAreSkipped) {
  auto f = write("bad.jsonl", doc_line("a", kSentence) + "\n" +
                                  "{\"id\":\"b\",\"text\":\"\xD9\x82\xD8 \xFF\"}\n" +  // invalid UTF-8
                                  "{\"id\":\"c\",\"text\":\"\"}\n" +                   // empty
                                  "{\"id\":\"d\",\"text\":\"   \"}\n" +                // blank
                                  "{\"text\":\"نص\"}\n" +                              // no id
                                  "{\"id\":\"f\"}\n" +                                 // no text
                                  doc_line("g", kSentence) + "\n");
  Outcome r = run("code " + quote(f.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"a", "g"}));
  for (int line = 2; line <= 6; ++line) {
    EXPECT_NE(r.err.find("bad.jsonl:" + std::to_string(line) + ":"), std::string::npos) << line << "\n" << r.err;
  }
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos) << r.err;
}

TEST_F(CliTest, InvalidUtf8InTextFileDoesNotCrash) {
  auto f = write("raw.txt", "قصفت قوات \xFF\xFE النظام \xD8 بلدة\x80 كفرنبل");
  Outcome r = run("code " + quote(f.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"raw"}));
}

TEST_F(CliTest, NonexistentFile) {
  Outcome r = run("code " + quote((dir_ / "no-such-file.jsonl").string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("no-such-file.jsonl"), std::string::npos) << r.err;

  // A missing file among good ones: reported, the rest still coded, success.
  auto good = write("good.jsonl", doc_line("a", kSentence) + "\n");
  Outcome r2 = run("code " + quote((dir_ / "missing.jsonl").string()) + " " + quote(good.string()));
  EXPECT_EQ(r2.status, 0);
  EXPECT_EQ(doc_ids(r2), (std::vector<std::string>{"a"}));
  EXPECT_NE(r2.err.find("missing.jsonl"), std::string::npos);
}

TEST_F(CliTest, NothingReadableIsAnError) {
  auto f = write("allbad.jsonl", "{broken\n\n{\"id\":\"x\"}\n");
  EXPECT_EQ(run("code " + quote(f.string())).status, 1);
  EXPECT_EQ(run("code " + quote(write("empty.txt", "").string())).status, 1);
  EXPECT_EQ(run("code").status, 1);  // empty standard input
}

TEST_F(CliTest, FiftyMegabyteDocument) {
  std::string text;
  text.reserve(51u << 20);
  const std::string filler = "وقال المتحدث إن الأوضاع في المنطقة بقيت هادئة نسبياً خلال الأيام الماضية. ";
  while (text.size() < (50u << 20)) {
    text += filler;
    if (text.size() % 97 == 0) text += kSentence + " ";
  }
  auto f = write("big.jsonl", doc_line("big", text) + "\n" + doc_line("after", kSentence) + "\n");
  text.clear();
  text.shrink_to_fit();
  // Generous: a linear coder needs well under a minute, even with sanitizers.
  Outcome r = run("code " + quote(f.string()), "", 240);
  ASSERT_NE(r.status, 124) << "marsad took more than 240 s on a 50 MB document (quadratic behaviour?)";
  EXPECT_EQ(r.status, 0) << r.err.substr(0, 2000);
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"big", "after"}));

  // Over the configured limit: reported and skipped, the next one still read.
  Outcome small = run("code --max-doc-mb 10 " + quote(f.string()));
  EXPECT_EQ(small.status, 0);
  EXPECT_EQ(doc_ids(small), (std::vector<std::string>{"after"}));
  EXPECT_NE(small.err.find("big.jsonl:1:"), std::string::npos) << small.err;
}

TEST_F(CliTest, StandardInput) {
  auto text = write("article.txt", kSentence + "\n");
  Outcome r = run("code", text.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"stdin"}));

  auto lines = write("in.jsonl", "  " + doc_line("x", kSentence) + "\n" + doc_line("y", kSentence) + "\n");
  Outcome r2 = run("code -", lines.string());
  EXPECT_EQ(r2.status, 0) << r2.err;
  EXPECT_EQ(doc_ids(r2), (std::vector<std::string>{"x", "y"}));
}

TEST_F(CliTest, Windows1256TextFile) {
  // «قصفت قوات النظام بلدة كفرنبل» in Windows-1256.
  auto f = write("old-report.txt",
                 "\xDE\xD5\xDD\xCA \xDE\xE6\xC7\xCA \xC7\xE1\xE4\xD9\xC7\xE3 \xC8\xE1\xCF\xC9 \xDF\xDD\xD1\xE4\xC8\xE1");
  Outcome r = run("code " + quote(f.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(doc_ids(r), (std::vector<std::string>{"old-report"}));
}

TEST_F(CliTest, ThreadsKeepInputOrderAndOutput) {
  std::string body;
  std::vector<std::string> expected;
  const std::vector<std::string> sentences = {
      kSentence,
      "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على أطراف مدينة درعا.",
      "اعتقلت قوات الأمن عشرة شبان خلال حملة مداهمات في حي الميدان بدمشق.",
      "التقى وزير الخارجية السوري نظيره الإيراني في طهران لبحث العلاقات الثنائية.",
  };
  for (int i = 0; i < 60; ++i) {
    std::string text;
    for (int k = 0; k <= i % 7; ++k) text += sentences[(i + k) % sentences.size()] + " ";
    body += doc_line("d" + std::to_string(i), text) + "\n";
    expected.push_back("d" + std::to_string(i));
  }
  auto f = write("many.jsonl", body);
  Outcome one = run("code --threads 1 " + quote(f.string()));
  Outcome four = run("code --threads 4 " + quote(f.string()));
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(four.status, 0);
  EXPECT_EQ(doc_ids(one), expected);
  EXPECT_EQ(one.out, four.out);
}

TEST_F(CliTest, PrettyAndExplain) {
  auto f = write("p.jsonl", doc_line("pretty-doc", kSentence) + "\n");
  Outcome r = run("code --pretty " + quote(f.string()));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("pretty-doc"), std::string::npos);
  Outcome e = run("explain " + quote(kSentence) + " --date 2021-01-27");
  EXPECT_EQ(e.status, 0) << e.err;
  EXPECT_FALSE(e.out.empty());
}

TEST_F(CliTest, BadDataDirectory) {
  auto f = write("one.jsonl", doc_line("a", kSentence) + "\n");
  Outcome r = run("code --data " + quote((dir_ / "nowhere").string()) + " " + quote(f.string()));
  EXPECT_EQ(r.status, 3);
  EXPECT_FALSE(r.err.empty());
}
