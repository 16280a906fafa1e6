// Article extraction from saved news pages: libxml2's HTML parser builds the
// tree, a jusText-style classifier keeps the article body.
//
//   auto x = marsad::ingest::HtmlExtractor::load(data_dir);   // data/ingest/*.tsv; throws LoadError
//   marsad::ingest::HtmlArticle a = x->extract(utf8_or_raw_bytes, {.charset = "windows-1256"});
//   if (a.ok) use(a.doc);  else report(a.reason);
//
// Body: the page is cut into blocks (p, div, li, h1–h6, br-separated runs, …);
// elements that are never article text (script, nav, footer, aside, form, and
// elements whose class/id names comments, related lists, share buttons, …,
// data/ingest/boilerplate.tsv) are dropped; each block is classified from its
// length, link density and density of Arabic stop words
// (data/ingest/stopwords_ar.tsv) as good / near-good / short / bad, then short
// and near-good blocks are revised from their neighbours (jusText, Pomikálek
// 2011). Boilerplate phrases («زر الذهاب إلى الأعلى», «مقالات ذات صلة», …) drop
// their block or end the article. Kept: title (og:title, <h1>, <title>),
// publication date (article:published_time, og:/itemprop/JSON-LD dates,
// <time datetime>, then a date written near the top), outlet (og:site_name,
// else the host name) and URL (og:url, canonical link, else the given URL).
// The extractor is immutable after load(): share it between threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "marsad/types.h"

namespace marsad::ingest {

struct HtmlHints {
  std::string charset;  // from an HTTP Content-Type header, if known
  std::string url;      // where the page came from, if known
  std::string id;       // document id to use (default: URL, else "html")
};

struct HtmlArticle {
  bool ok = false;
  std::string reason;    // why not ok ("no article body found", …)
  std::string warning;   // ok, but part of the page was lost (nesting deeper than the parser's limit)
  std::string encoding;  // detected encoding of the bytes
  Document doc;          // text = body paragraphs separated by blank lines
};

struct ExtractorParams {
  size_t length_low = 70;        // shorter blocks are "short"
  size_t length_high = 200;      // longer blocks with enough stop words are "good"
  double stopwords_low = 0.14;   // Arabic stop-word density for "near-good" (prose median ≈ 0.26)
  double stopwords_high = 0.18;  // … and for "good" (10th percentile of news prose)
  double max_link_density = 0.2;
  size_t max_heading_distance = 200;
};

class HtmlExtractor {
 public:
  static std::unique_ptr<HtmlExtractor> load(const std::filesystem::path& data_dir, ExtractorParams params = {});
  ~HtmlExtractor();
  HtmlExtractor(const HtmlExtractor&) = delete;
  HtmlExtractor& operator=(const HtmlExtractor&) = delete;

  // Never throws for bad input; `bytes` in any supported encoding.
  HtmlArticle extract(std::string_view bytes, const HtmlHints& hints = {}) const;

  // Stop-word density of a text (for tuning and tests).
  double stopword_density(std::string_view utf8) const;

  struct Impl;

 private:
  explicit HtmlExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Normalise a date found in a page ("2021-01-27T10:00:00+03:00",
// "2021/01/27", "27-01-2021") to "YYYY-MM-DD", or "" when not a date.
std::string normalise_iso_date(std::string_view value);

}  // namespace marsad::ingest
