// Tests of the place finder (src/geo): loading, the golden table
// tests/golden/places.tsv (one row per expected or forbidden place mention),
// and a few behaviours checked directly.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "geo/places.h"
#include "text/text.h"

namespace {

std::filesystem::path data_dir() {
  if (const char* d = std::getenv("MARSAD_DATA")) return d;
  return std::filesystem::path(MARSAD_SOURCE_DIR) / "data";
}

const marsad::geo::PlaceFinder& finder() {
  static const marsad::geo::PlaceFinder f(data_dir());
  return f;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, '\t')) out.push_back(cell);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

std::string describe(const std::string& text, const std::vector<marsad::geo::PlaceMention>& ms) {
  std::string out;
  for (const auto& m : ms) {
    const auto& p = m.place;
    out += "  [" + marsad::text::slice(text, p.span) + "] " + p.name_ar + " id=" + p.gazetteer_id + " " + p.precision +
           " " + (p.lat ? std::to_string(*p.lat) + "," + std::to_string(*p.lon) : std::string("null")) + " (" +
           m.rule + ")\n";
  }
  return out;
}

TEST(Geo, LoadsQuickly) {
  const auto t0 = std::chrono::steady_clock::now();
  const marsad::geo::PlaceFinder f(data_dir());
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GT(f.gazetteer().entries().size(), 4000u);
  EXPECT_LT(ms, 150.0) << "loading the gazetteer took " << ms << " ms";
}

TEST(Geo, MissingDataNamesFile) {
  try {
    const marsad::geo::PlaceFinder f("/nonexistent-marsad-data");
    FAIL() << "expected LoadError";
  } catch (const marsad::LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("places.tsv"), std::string::npos) << e.what();
  }
}

TEST(Geo, Distance) {
  // Damascus – Aleppo is about 310 km.
  const double d = marsad::geo::distance_km(33.51, 36.29, 36.20, 37.16);
  EXPECT_NEAR(d, 310, 15);
}

TEST(Geo, SpanAndMainPlace) {
  const std::string t = "قتل مدنيان في مدينة البوكمال. وقصفت قوات النظام البوكمال مجددا، كما قصفت ريف حمص.";
  const auto a = marsad::text::analyse(t);
  const auto ms = finder().find(a, t);
  ASSERT_GE(ms.size(), 3u) << describe(t, ms);
  EXPECT_EQ(marsad::text::slice(t, ms[0].place.span), "مدينة البوكمال");
  EXPECT_EQ(ms[0].sentence, 0u);
  const int mp = finder().main_place(ms);
  ASSERT_GE(mp, 0);
  EXPECT_EQ(ms[static_cast<size_t>(mp)].place.name_ar, "البوكمال");
  // Without the original text the finder still works (names from folded tokens).
  const auto ms2 = finder().find(a);
  ASSERT_EQ(ms2.size(), ms.size());
}

TEST(Geo, EmptyAndGarbage) {
  for (const std::string& t : {std::string(), std::string("\xff\xfe"), std::string("قرية"), std::string("طريق -")}) {
    const auto a = marsad::text::analyse(t);
    EXPECT_NO_THROW(finder().find(a, t));
  }
}

// tests/golden/places.tsv: id, sentence, mention, expect, precision, lat, lon, tol_km.
//   expect = a gazetteer id (SY…, gn:…, country:…, iso:…, ostr:…, ye:…) or the expected name_ar;
//            NONE = `mention` must not be (part of) any place mention.
//   lat = "null": the place must have no coordinates.
TEST(Geo, GoldenPlaces) {
  const auto path = std::filesystem::path(MARSAD_SOURCE_DIR) / "tests" / "golden" / "places.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int rows = 0, failed = 0, negatives = 0;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    const auto c = split_tabs(line);
    ASSERT_GE(c.size(), 5u) << "bad row: " << line;
    ++rows;
    const std::string& id = c[0];
    const std::string& sentence = c[1];
    const std::string& mention = c[2];
    const std::string& expect = c[3];
    const std::string precision = c.size() > 4 ? c[4] : "";
    const auto a = marsad::text::analyse(sentence);
    const auto ms = finder().find(a, sentence);
    std::string why;
    if (expect == "NONE") {
      ++negatives;
      for (const auto& m : ms) {
        if (marsad::text::slice(sentence, m.place.span).find(mention) != std::string::npos) why = "found a place";
      }
    } else {
      const marsad::geo::PlaceMention* hit = nullptr;
      for (const auto& m : ms) {
        if (marsad::text::slice(sentence, m.place.span) == mention) hit = &m;
      }
      if (!hit) {
        why = "mention not found";
      } else {
        const auto& p = hit->place;
        const bool is_id = expect.starts_with("SY") || expect.starts_with("gn:") || expect.starts_with("country:") ||
                           expect.starts_with("iso:") || expect.starts_with("ostr:") || expect.starts_with("ye:");
        if (is_id ? p.gazetteer_id != expect : p.name_ar != expect) why += "name/id ";
        if (!precision.empty() && p.precision != precision) why += "precision ";
        if (c.size() > 5 && c[5] == "null") {
          if (p.lat) why += "expected no coordinates ";
        } else if (c.size() > 7 && !c[5].empty()) {
          const double lat = std::stod(c[5]), lon = std::stod(c[6]), tol = std::stod(c[7]);
          if (!p.lat) {
            why += "no coordinates ";
          } else if (marsad::geo::distance_km(lat, lon, *p.lat, *p.lon) > tol) {
            why += "too far (" + std::to_string(marsad::geo::distance_km(lat, lon, *p.lat, *p.lon)) + " km) ";
          }
        }
      }
    }
    if (!why.empty()) {
      ++failed;
      ADD_FAILURE() << "row " << id << ": " << why << "\n  sentence: " << sentence << "\n  expected: [" << mention
                    << "] " << expect << " " << precision << "\n  found:\n"
                    << describe(sentence, ms);
    }
  }
  EXPECT_GE(rows, 100);
  EXPECT_GE(negatives, 10);
  std::cout << "golden places: " << rows - failed << "/" << rows << " rows pass\n";
}

}  // namespace
