// Accuracy ratchet: runs the built `marsad` on the dev sets of ../shared/eval/dev,
// scores each with ../shared/tools/score.py and fails when a figure falls below
// its floor in tests/accuracy/ratchet.json. Skipped when ../shared is absent.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

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

int shell(const std::string& cmd) {
  int raw = std::system(cmd.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

class AccuracyRatchet : public ::testing::TestWithParam<std::string> {};

TEST_P(AccuracyRatchet, ScoresAtLeastTheRatchet) {
  const std::string set = GetParam();
  const fs::path source_dir = MARSAD_SOURCE_DIR;
  const fs::path shared = source_dir.parent_path() / "shared";
  const fs::path input = shared / "eval" / "dev" / (set + ".jsonl");
  const fs::path gold = shared / "eval" / "dev" / (set + ".gold.jsonl");
  const fs::path scorer = shared / "tools" / "score.py";
  if (!fs::exists(input) || !fs::exists(gold) || !fs::exists(scorer)) {
    GTEST_SKIP() << "evaluation data not found (" << input.string() << ", " << scorer.string()
                 << "): the accuracy ratchet needs the shared evaluation folder next to the source tree";
  }
  if (shell("python3 -c pass > /dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not available";

  const fs::path ratchet_path = source_dir / "tests" / "accuracy" / "ratchet.json";
  json ratchet = json::parse(slurp(ratchet_path), nullptr, false);
  ASSERT_FALSE(ratchet.is_discarded()) << ratchet_path << ": not valid JSON";
  ASSERT_TRUE(ratchet.contains(set)) << ratchet_path << ": no entry for \"" << set << "\"";

  const fs::path work = fs::temp_directory_path() / ("marsad_accuracy_" + std::to_string(::getpid()) + "_" + set);
  fs::create_directories(work);
  const fs::path pred = work / "pred.jsonl";
  const fs::path err = work / "stderr";
  const fs::path score = work / "score.json";

  int rc = shell("timeout 600 " + quote(MARSAD_BINARY) + " code " + quote(input.string()) + " > " +
                 quote(pred.string()) + " 2> " + quote(err.string()));
  ASSERT_EQ(rc, 0) << "marsad failed on " << input << ":\n" << slurp(err);
  rc = shell("python3 " + quote(scorer.string()) + " " + quote(gold.string()) + " " + quote(pred.string()) + " > " +
             quote(score.string()) + " 2>> " + quote(err.string()));
  ASSERT_EQ(rc, 0) << "score.py failed:\n" << slurp(err);
  json scores = json::parse(slurp(score), nullptr, false);
  ASSERT_FALSE(scores.is_discarded()) << "score.py printed no JSON: " << slurp(score);

  std::ostringstream table;
  table << "accuracy on " << set << " (" << input.string() << ")\n";
  table << "  " << std::left << std::setw(18) << "figure" << std::right << std::setw(9) << "ratchet" << std::setw(9)
        << "now" << "\n";
  bool failed = false;
  for (auto& [name, floor_value] : ratchet[set].items()) {
    if (!floor_value.is_number()) continue;
    const double floor = floor_value.get<double>();
    const json& v = scores.contains(name) ? scores[name] : json();
    const bool measured = v.is_number();
    const double now = measured ? v.get<double>() : 0.0;
    const bool below = now + 1e-6 < floor;
    failed = failed || below;
    table << "  " << std::left << std::setw(18) << name << std::right << std::fixed << std::setprecision(4)
          << std::setw(9) << floor << std::setw(9);
    if (measured) {
      table << now;
    } else {
      table << "n/a";
    }
    table << (below ? "   BELOW THE RATCHET" : (now > floor + 1e-6 ? "   (floor can be raised)" : "")) << "\n";
  }
  std::cout << table.str();
  const std::string warnings = slurp(err);
  if (!warnings.empty()) std::cout << "stderr of marsad / score.py:\n" << warnings.substr(0, 4000) << "\n";
  EXPECT_FALSE(failed) << table.str();
  std::error_code ec;
  fs::remove_all(work, ec);
}

INSTANTIATE_TEST_SUITE_P(DevSets, AccuracyRatchet, ::testing::Values("seed", "dev", "syria"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
