// jusText-style article extraction on libxml2's HTML tree; see html.h.
#include "ingest/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "ingest/encoding.h"
#include "knowledge/tsv.h"
#include "marsad/marsad.h"
#include "text/text.h"

namespace marsad::ingest {

namespace {

enum class Cls { Bad, Short, NearGood, Good };

struct Block {
  std::string text;
  size_t chars = 0;
  size_t link_chars = 0;
  bool heading = false;
  Cls cf = Cls::Bad;     // context-free class
  Cls cls = Cls::Bad;    // final class
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string node_text(xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool is_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Collapse white space (including U+00A0) to single spaces and trim.
std::string squash(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = is_space_byte(c);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

// Trim spaces and punctuation (ASCII and Arabic) from both ends of folded text.
std::string trim_punct(std::string_view s) {
  auto is_trim = [](std::string_view t, size_t i, bool back) -> size_t {
    unsigned char c = static_cast<unsigned char>(back ? t[i] : t[i]);
    if (c < 0x80) return (std::ispunct(c) || std::isspace(c)) ? 1 : 0;
    return 0;
  };
  size_t b = 0, e = s.size();
  while (b < e && is_trim(s, b, false)) ++b;
  while (e > b && is_trim(s, e - 1, true)) --e;
  return std::string(s.substr(b, e - b));
}

const std::unordered_set<std::string>& skip_tags() {
  static const std::unordered_set<std::string> k{"script", "style",  "noscript", "iframe", "svg",    "form",
                                                 "button", "select", "input",    "textarea", "nav",  "footer",
                                                 "aside",  "header", "menu",     "object", "embed",  "canvas", "figcaption",
                                                 "template", "head", "label",   "video",  "audio",  "map"};
  return k;
}

const std::unordered_set<std::string>& block_tags() {
  static const std::unordered_set<std::string> k{
      "p",  "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",      "ol",      "td",         "tr",
      "th", "table", "blockquote", "article", "section", "pre", "dd", "dt", "dl", "figcaption", "figure",
      "main", "address", "center", "hr", "caption", "tbody", "thead", "body", "html"};
  return k;
}

std::string host_of(std::string_view url) {
  size_t p = url.find("://");
  if (p == std::string_view::npos) return {};
  std::string_view rest = url.substr(p + 3);
  size_t e = rest.find_first_of("/?#:");
  std::string host = lower_ascii(rest.substr(0, e));
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

}  // namespace

std::string normalise_iso_date(std::string_view v) {
  // Find three digit groups at the start.
  std::vector<std::pair<int, size_t>> groups;  // value, digit count
  size_t i = 0;
  while (i < v.size() && groups.size() < 3) {
    size_t b = i;
    int val = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])) && i - b < 5) val = val * 10 + (v[i++] - '0');
    if (i == b) return {};
    groups.emplace_back(val, i - b);
    if (groups.size() == 3) break;
    if (i >= v.size() || (v[i] != '-' && v[i] != '/' && v[i] != '.')) return {};
    ++i;
  }
  if (groups.size() != 3) return {};
  int y, m, d;
  if (groups[0].second == 4) {
    y = groups[0].first, m = groups[1].first, d = groups[2].first;
  } else if (groups[2].second == 4) {
    d = groups[0].first, m = groups[1].first, y = groups[2].first;
  } else {
    return {};
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct HtmlExtractor::Impl {
  ExtractorParams params;
  std::unordered_set<std::string> stopwords;      // folded
  std::unordered_set<std::string> class_parts;    // lower-case
  std::vector<std::string> drop_phrases;          // folded
  std::vector<std::string> end_phrases;           // folded
  std::unordered_map<std::string, int> months;    // folded (dict_key per word) -> 1..12

  bool is_stop(std::string_view folded_word) const {
    if (stopwords.count(std::string(folded_word))) return true;
    // One attached proclitic: و / ف conjunction («وفي», «فقد»), ب / ل / ك preposition («بحسب»).
    if (folded_word.size() > 4) {
      std::string_view first = folded_word.substr(0, 2);
      for (const char* p : {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84", "\xD9\x83"})
        if (first == p) return stopwords.count(std::string(folded_word.substr(2))) > 0;
    }
    return false;
  }

  double density(std::string_view folded, size_t* words_out) const {
    size_t words = 0, stops = 0;
    size_t i = 0;
    while (i < folded.size()) {
      while (i < folded.size() && (is_space_byte(static_cast<unsigned char>(folded[i])) ||
                                   (static_cast<unsigned char>(folded[i]) < 0x80 &&
                                    std::ispunct(static_cast<unsigned char>(folded[i])))))
        ++i;
      size_t b = i;
      while (i < folded.size() && !is_space_byte(static_cast<unsigned char>(folded[i])) &&
             !(static_cast<unsigned char>(folded[i]) < 0x80 && std::ispunct(static_cast<unsigned char>(folded[i]))))
        ++i;
      if (i > b) {
        ++words;
        if (is_stop(folded.substr(b, i - b))) ++stops;
      }
    }
    if (words_out) *words_out = words;
    return words ? static_cast<double>(stops) / static_cast<double>(words) : 0.0;
  }

  bool class_says_boilerplate(xmlNode* n) const {
    for (const char* a : {"class", "id", "role"}) {
      std::string v = lower_ascii(attr(n, a));
      if (v.empty()) continue;
      std::string part;
      for (size_t i = 0; i <= v.size(); ++i) {
        char c = i < v.size() ? v[i] : ' ';
        if (c == ' ' || c == '-' || c == '_' || c == '\t') {
          if (!part.empty() && class_parts.count(part)) return true;
          part.clear();
        } else {
          part.push_back(c);
        }
      }
    }
    return false;
  }

  struct Walk {
    std::vector<Block> blocks;
    Block cur;
    int link_depth = 0;
    int heading_depth = 0;
    bool class_filter = true;
    void flush() {
      cur.text = squash(cur.text);
      if (!cur.text.empty()) {
        cur.chars = text::count_code_points(cur.text);
        cur.link_chars = std::min(cur.link_chars, cur.chars);
        blocks.push_back(std::move(cur));
      }
      cur = Block{};
      cur.heading = heading_depth > 0;
    }
  };

  void walk(xmlNode* n, Walk& w) const {
    for (xmlNode* c = n; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (!c->content) continue;
        std::string_view t(reinterpret_cast<const char*>(c->content));
        w.cur.text.append(t);
        if (w.link_depth > 0) w.cur.link_chars += text::count_code_points(squash(t));
        if (w.heading_depth > 0) w.cur.heading = true;
        continue;
      }
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string name = lower_ascii(reinterpret_cast<const char*>(c->name));
      if (skip_tags().count(name)) {
        if (name == "header" || name == "footer" || name == "nav" || name == "aside") w.flush();
        continue;
      }
      if (w.class_filter && name != "html" && name != "body" && class_says_boilerplate(c)) {
        w.flush();
        continue;
      }
      if (name == "br") {
        w.flush();
        continue;
      }
      bool block = block_tags().count(name) > 0;
      bool heading = name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
      bool link = name == "a";
      if (block) w.flush();
      if (heading) {
        ++w.heading_depth;
        w.cur.heading = true;
      }
      if (link) ++w.link_depth;
      walk(c->children, w);
      if (link) --w.link_depth;
      if (heading) --w.heading_depth;
      if (block || heading) w.flush();  // inline elements (a, span, strong, …) continue the block
    }
  }

  static bool phrase_match(const std::string& folded_block, const std::vector<std::string>& phrases, size_t max_len) {
    if (folded_block.size() > max_len) return false;
    for (const auto& p : phrases)
      if (folded_block.find(p) != std::string::npos) return true;
    return false;
  }

  void classify(std::vector<Block>& blocks) const {
    const auto& P = params;
    bool ended = false;
    for (Block& b : blocks) {
      if (ended) {
        b.cf = Cls::Bad;
        continue;
      }
      std::string folded = text::fold_utf8(b.text);
      std::string core = trim_punct(folded);
      double link_density = b.chars ? static_cast<double>(b.link_chars) / static_cast<double>(b.chars) : 0;
      size_t words = 0;
      double stop = density(folded, &words);
      // An "end" phrase as a short block of its own (a heading such as
      // «مقالات ذات صلة» or «التعليقات») ends the article.
      if (b.chars < 60 && phrase_match(core, end_phrases, 200)) {
        ended = true;
        b.cf = Cls::Bad;
        continue;
      }
      if (link_density > P.max_link_density) b.cf = Cls::Bad;
      else if (b.text.find("\xC2\xA9") != std::string::npos || folded.find("جميع الحقوق محفوظه") != std::string::npos)
        b.cf = Cls::Bad;
      else if (b.chars < 120 && phrase_match(core, drop_phrases, 400)) b.cf = Cls::Bad;
      else if (b.chars < P.length_low) b.cf = b.link_chars > 0 ? Cls::Bad : Cls::Short;
      else if (stop >= P.stopwords_high) b.cf = b.chars > P.length_high ? Cls::Good : Cls::NearGood;
      else if (stop >= P.stopwords_low) b.cf = Cls::NearGood;
      // Arabic news sentences are dense with names and poor in stop words
      // (clitics hide many): a block of running text without any link is
      // still near-good, so its neighbours decide.
      else if (stop > 0 && b.link_chars == 0) b.cf = Cls::NearGood;
      else b.cf = Cls::Bad;
    }
    size_t n = blocks.size();
    for (auto& b : blocks) b.cls = b.cf;
    // Short headings followed closely by good text become near-good.
    for (size_t i = 0; i < n; ++i) {
      if (!blocks[i].heading || blocks[i].cf != Cls::Short) continue;
      size_t dist = 0;
      for (size_t j = i + 1; j < n && dist <= P.max_heading_distance; ++j) {
        if (blocks[j].cf == Cls::Good) {
          blocks[i].cls = blocks[i].cf = Cls::NearGood;
          break;
        }
        dist += blocks[j].chars;
      }
    }
    auto neighbour = [&](size_t i, int dir, bool ignore_neargood) -> Cls {
      long j = static_cast<long>(i) + dir;
      while (j >= 0 && j < static_cast<long>(n)) {
        Cls c = blocks[static_cast<size_t>(j)].cf;
        if (c == Cls::Good || c == Cls::Bad) return c;
        if (c == Cls::NearGood && !ignore_neargood) return c;
        j += dir;
      }
      return Cls::Bad;
    };
    std::vector<Cls> next(n);
    for (size_t i = 0; i < n; ++i) next[i] = blocks[i].cf;
    for (size_t i = 0; i < n; ++i) {
      if (blocks[i].cf != Cls::Short) continue;
      Cls p = neighbour(i, -1, true), q = neighbour(i, +1, true);
      if (p == Cls::Good && q == Cls::Good) next[i] = Cls::Good;
      else if (p == Cls::Bad && q == Cls::Bad) next[i] = Cls::Bad;
      else if ((p == Cls::Bad && neighbour(i, -1, false) == Cls::NearGood) ||
               (q == Cls::Bad && neighbour(i, +1, false) == Cls::NearGood))
        next[i] = Cls::Good;
      else next[i] = Cls::Bad;
    }
    for (size_t i = 0; i < n; ++i) blocks[i].cls = next[i];
    for (size_t i = 0; i < n; ++i) {
      if (blocks[i].cls != Cls::NearGood) continue;
      Cls p = neighbour(i, -1, true), q = neighbour(i, +1, true);
      next[i] = (p == Cls::Bad && q == Cls::Bad) ? Cls::Bad : Cls::Good;
    }
    for (size_t i = 0; i < n; ++i) blocks[i].cls = next[i];
    // A page of one or two paragraphs has no "good" block to anchor the
    // context rules: keep its near-good blocks.
    if (std::none_of(blocks.begin(), blocks.end(), [](const Block& b) { return b.cls == Cls::Good; }))
      for (auto& b : blocks)
        if (b.cf == Cls::NearGood) b.cls = Cls::Good;
    // Headings not bad by themselves and followed closely by good text are kept.
    for (size_t i = 0; i < n; ++i) {
      if (!blocks[i].heading || blocks[i].cls != Cls::Bad || blocks[i].cf == Cls::Bad) continue;
      size_t dist = 0;
      for (size_t j = i + 1; j < n && dist <= P.max_heading_distance; ++j) {
        if (blocks[j].cls == Cls::Good) {
          blocks[i].cls = Cls::Good;
          break;
        }
        dist += blocks[j].chars;
      }
    }
  }

  // A date written in the text: "27 كانون الثاني 2021", "27 يناير 2021", "27/01/2021".
  std::string date_in_text(std::string_view utf8) const {
    std::string folded = text::fold_utf8(utf8);
    std::vector<std::string> toks;
    std::string cur;
    for (char ch : folded) {
      unsigned char c = static_cast<unsigned char>(ch);
      bool sep = is_space_byte(c) || (c < 0x80 && c != '/' && c != '-' && c != '.' && std::ispunct(c));
      if (sep) {
        if (!cur.empty()) toks.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(ch);
      }
    }
    if (!cur.empty()) toks.push_back(cur);
    auto number = [](const std::string& s, int lo, int hi) -> int {
      if (s.empty() || s.size() > 4) return 0;
      for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
      int v = std::atoi(s.c_str());
      return v >= lo && v <= hi ? v : 0;
    };
    for (size_t i = 0; i < toks.size(); ++i) {
      std::string iso = normalise_iso_date(toks[i]);
      if (!iso.empty() && toks[i].size() >= 8) return iso;
      int d = number(toks[i], 1, 31);
      if (!d) continue;
      for (size_t len = 1; len <= 2 && i + len + 1 < toks.size() + 1; ++len) {
        if (i + len >= toks.size()) break;
        std::string name;
        for (size_t k = 1; k <= len; ++k) name += (k > 1 ? " " : "") + text::dict_key(toks[i + k]);
        auto it = months.find(name);
        if (it == months.end()) continue;
        if (i + len + 1 < toks.size()) {
          int y = number(toks[i + len + 1], 1900, 2100);
          if (y) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, it->second, d);
            return buf;
          }
        }
      }
    }
    return {};
  }
};

HtmlExtractor::HtmlExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HtmlExtractor::~HtmlExtractor() = default;

std::unique_ptr<HtmlExtractor> HtmlExtractor::load(const std::filesystem::path& data_dir, ExtractorParams params) {
  auto impl = std::make_unique<Impl>();
  impl->params = params;
  {
    auto t = knowledge::TsvTable::read(data_dir / "ingest" / "stopwords_ar.tsv");
    size_t c = t.column("word");
    for (const auto& row : t.rows()) {
      const std::string& w = knowledge::TsvTable::cell(row, c);
      if (!w.empty()) impl->stopwords.insert(text::fold_utf8(w));
    }
  }
  {
    auto t = knowledge::TsvTable::read(data_dir / "ingest" / "boilerplate.tsv");
    size_t cp = t.column("pattern"), ck = t.column("kind");
    for (const auto& row : t.rows()) {
      const std::string& p = knowledge::TsvTable::cell(row, cp);
      const std::string& k = knowledge::TsvTable::cell(row, ck);
      if (p.empty()) continue;
      if (k == "class") impl->class_parts.insert(lower_ascii(p));
      else if (k == "drop") impl->drop_phrases.push_back(trim_punct(text::fold_utf8(p)));
      else if (k == "end") impl->end_phrases.push_back(trim_punct(text::fold_utf8(p)));
      else throw LoadError(t.where(row) + ": unknown kind '" + k + "' (class, drop or end)");
    }
  }
  {
    auto t = knowledge::TsvTable::read(data_dir / "time" / "months.tsv");
    size_t cn = t.column("name"), cm = t.column("month");
    for (const auto& row : t.rows()) {
      std::string name = text::fold_utf8(knowledge::TsvTable::cell(row, cn));
      int m = std::atoi(knowledge::TsvTable::cell(row, cm).c_str());
      if (name.empty() || m < 1 || m > 12) continue;
      std::string key, word;
      for (size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name[i] == ' ') {
          if (!word.empty()) key += (key.empty() ? "" : " ") + text::dict_key(word);
          word.clear();
        } else {
          word.push_back(name[i]);
        }
      }
      impl->months.emplace(key, m);
    }
  }
  return std::unique_ptr<HtmlExtractor>(new HtmlExtractor(std::move(impl)));
}

double HtmlExtractor::stopword_density(std::string_view utf8) const {
  return impl_->density(text::fold_utf8(utf8), nullptr);
}

namespace {

struct Meta {
  std::map<std::string, std::string> props;  // lower-case property/name/itemprop -> first content
  std::string title_tag;
  std::string canonical;
  std::string time_datetime;
  std::string ld_date;
  std::string h1;
};

void collect_meta(xmlNode* n, Meta& m) {
  for (xmlNode* c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string name = lower_ascii(reinterpret_cast<const char*>(c->name));
    if (name == "meta") {
      std::string content = attr(c, "content");
      if (content.empty()) content = attr(c, "datetime");
      for (const char* a : {"property", "name", "itemprop"}) {
        std::string key = lower_ascii(attr(c, a));
        if (!key.empty() && !content.empty()) m.props.emplace(key, squash(content));
      }
    } else if (name == "title" && m.title_tag.empty()) {
      m.title_tag = squash(node_text(c));
    } else if (name == "link") {
      if (lower_ascii(attr(c, "rel")) == "canonical" && m.canonical.empty()) m.canonical = attr(c, "href");
    } else if (name == "time" && m.time_datetime.empty()) {
      m.time_datetime = attr(c, "datetime");
    } else if (name == "h1" && m.h1.empty()) {
      m.h1 = squash(node_text(c));
    } else if (name == "script") {
      if (lower_ascii(attr(c, "type")).find("ld+json") != std::string::npos && m.ld_date.empty()) {
        std::string body = node_text(c);
        size_t p = body.find("\"datePublished\"");
        if (p != std::string::npos) {
          size_t q = body.find('"', body.find(':', p) + 1);
          if (q != std::string::npos) {
            size_t e = body.find('"', q + 1);
            if (e != std::string::npos) m.ld_date = body.substr(q + 1, e - q - 1);
          }
        }
      }
      continue;
    }
    collect_meta(c->children, m);
  }
}

xmlNode* find_element(xmlNode* n, const char* wanted) {
  for (xmlNode* c = n; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (lower_ascii(reinterpret_cast<const char*>(c->name)) == wanted) return c;
    if (xmlNode* f = find_element(c->children, wanted)) return f;
  }
  return nullptr;
}

std::string sniff_meta_charset(std::string_view bytes) {
  std::string head = lower_ascii(bytes.substr(0, std::min<size_t>(bytes.size(), 4096)));
  size_t p = head.find("charset");
  while (p != std::string::npos) {
    std::string cs = charset_from_content_type(std::string_view(head).substr(p));
    if (!cs.empty()) return cs;
    p = head.find("charset", p + 7);
  }
  return {};
}

}  // namespace

HtmlArticle HtmlExtractor::extract(std::string_view bytes, const HtmlHints& hints) const {
  HtmlArticle out;
  if (bytes.empty()) {
    out.reason = "empty page";
    return out;
  }
  if (looks_binary(bytes)) {
    out.reason = "binary content, not an HTML page";
    return out;
  }
  std::string declared = hints.charset.empty() ? sniff_meta_charset(bytes) : hints.charset;
  std::string utf8 = to_utf8(bytes, declared, &out.encoding);
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
#ifdef HTML_PARSE_IGNORE_ENC
  options |= HTML_PARSE_IGNORE_ENC;
#endif
  // A context of its own, to learn why the parser stopped: libxml2 halts at
  // 256 nested elements (XML_PARSE_HUGE would lift that, but the walk below
  // is recursive, so the limit stays) and keeps what it read until there.
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  if (!ctxt) {
    out.reason = "out of memory creating the HTML parser";
    return out;
  }
  htmlDocPtr doc = htmlCtxtReadMemory(ctxt, utf8.data(), static_cast<int>(utf8.size()),
                                      hints.url.empty() ? nullptr : hints.url.c_str(), "UTF-8", options);
  std::string too_deep;
  if (const xmlError* err = xmlCtxtGetLastError(ctxt);
      err && err->message && std::strstr(err->message, "Excessive depth") != nullptr) {
    too_deep = "HTML nested deeper than the parser's limit (256 elements) at line " + std::to_string(err->line) +
               ": the parser stopped there";
  }
  htmlFreeParserCtxt(ctxt);
  if (!doc) {
    out.reason = too_deep.empty() ? "not HTML: the parser found no document" : too_deep;
    return out;
  }
  xmlNode* root = xmlDocGetRootElement(doc);
  Meta meta;
  if (root) collect_meta(root, meta);
  xmlNode* body = root ? find_element(root, "body") : nullptr;

  std::vector<Block> blocks;
  if (body) {
    for (bool class_filter : {true, false}) {
      Impl::Walk w;
      w.class_filter = class_filter;
      impl_->walk(body->children, w);
      w.flush();
      impl_->classify(w.blocks);
      bool any = std::any_of(w.blocks.begin(), w.blocks.end(), [](const Block& b) { return b.cls == Cls::Good; });
      blocks = std::move(w.blocks);
      if (any) break;
    }
  }
  xmlFreeDoc(doc);

  auto prop = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* k : keys) {
      auto it = meta.props.find(k);
      if (it != meta.props.end() && !it->second.empty()) return it->second;
    }
    return {};
  };
  Document& d = out.doc;
  d.url = prop({"og:url"});
  if (d.url.empty()) d.url = meta.canonical;
  if (d.url.empty()) d.url = hints.url;
  d.outlet = prop({"og:site_name", "application-name", "twitter:site"});
  if (d.outlet.empty()) d.outlet = host_of(d.url.empty() ? hints.url : d.url);
  d.title = prop({"og:title", "twitter:title"});
  if (d.title.empty()) d.title = meta.h1;
  if (d.title.empty()) {
    d.title = meta.title_tag;
    for (const char* sep : {" | ", " - ", " – ", " :: "}) {
      size_t p = d.title.rfind(sep);
      if (p != std::string::npos && p > 0) {
        d.title = d.title.substr(0, p);
        break;
      }
    }
  }
  for (const std::string& cand :
       {prop({"article:published_time", "og:article:published_time", "og:published_time", "datepublished",
              "article:published", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued",
              "dc.date", "sailthru.date", "parsely-pub-date"}),
        meta.ld_date, meta.time_datetime}) {
    d.date = normalise_iso_date(cand);
    if (!d.date.empty()) break;
  }

  std::string folded_title = trim_punct(text::fold_utf8(d.title));
  std::string body_text;
  bool first = true;
  for (const Block& b : blocks) {
    if (b.cls != Cls::Good) continue;
    if (first && !folded_title.empty() && trim_punct(text::fold_utf8(b.text)) == folded_title) {
      first = false;
      continue;
    }
    first = false;
    if (!body_text.empty()) body_text += "\n\n";
    body_text += b.text;
  }
  if (d.date.empty()) {
    // A date written near the top of the page (bylines are usually "bad" blocks).
    size_t scanned = 0;
    for (const Block& b : blocks) {
      d.date = impl_->date_in_text(b.text);
      if (!d.date.empty() || ++scanned > 40) break;
    }
  }
  d.id = !hints.id.empty() ? hints.id : (!d.url.empty() ? d.url : "html");
  if (!body) {
    out.reason = !too_deep.empty() ? too_deep + " (before any <body>)" : "no <body>: the page has no article";
    return out;
  }
  if (body_text.empty()) {
    if (!too_deep.empty()) out.reason = too_deep + "; no article text before that point";
    else out.reason = blocks.empty() ? "empty <body>: the page has no text" : "no article body found (only boilerplate)";
    return out;
  }
  if (!too_deep.empty()) out.warning = too_deep + "; the text before it was kept, the rest of the page is lost";
  d.text = std::move(body_text);
  out.ok = true;
  return out;
}

}  // namespace marsad::ingest
