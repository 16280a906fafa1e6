// The Coder facade: loads the knowledge once, then runs the data's path for
// each document: text → mentions → places/dates/casualties → events/relations.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_map>
#include <sstream>

#include "code/assemble.h"
#include "code/mentions.h"
#include "geo/places.h"
#include "knowledge/actors.h"
#include "knowledge/cues.h"
#include "knowledge/triggers.h"
#include "knowledge/tsv.h"
#include "marsad/marsad.h"
#include "number/casualties.h"
#include "number/numbers.h"
#include "text/text.h"
#include "time/dates.h"

namespace marsad {

using namespace std::string_view_literals;  // == "literal"sv: no strlen, no call when the sizes differ

namespace {

knowledge::PhraseIndex load_clause_breaks(const std::filesystem::path& data_dir) {
  knowledge::PhraseIndex index;
  auto table = knowledge::TsvTable::read(data_dir / "cues" / "clause_breaks.tsv");
  const size_t col = table.column("form");
  for (const auto& row : table.rows()) index.add(knowledge::TsvTable::cell(row, col), 0);
  return index;
}

}  // namespace

// The country most of the article's resolved places lie in.
std::string dominant_country(const std::vector<geo::PlaceMention>& places) {
  std::map<std::string, int> count;
  for (const auto& p : places)
    if (p.place.lat && !p.place.country.empty()) ++count[p.place.country];
  std::string best;
  int n = 0;
  for (const auto& [country, k] : count)
    if (k > n) {
      best = country;
      n = k;
    }
  return best;
}

// «قادمة من العراق», «في سوريا»: a country named as a place, not as an actor.
void drop_countries_as_places(code::Mentions& m, const std::vector<geo::PlaceMention>& places,
                              const text::Analysis& a) {
  // a locative preposition before the name («من العراق», «إلى سوريا», «في اليمن»)
  auto locative = [&](uint32_t t) {
    if (t == 0) return false;
    const std::string_view w = a.tokens[t - 1].norm;
    // «الحدود مع تركيا»
    if (w == "\xD9\x85\xD8\xB9"sv && t >= 2 && !a.tokens[t - 2].keys.empty() &&
        (a.tokens[t - 2].keys[0] == "\xD8\xAD\xD8\xAF\xD9\x88\xD8\xAF"sv))  // حدود
      return true;
    for (const char* p : {"\xD9\x81\xD9\x8A", "\xD9\x85\xD9\x86", "\xD8\xA7\xD9\x84\xD9\x8A",
                          "\xD9\x86\xD8\xAD\xD9\x88", "\xD8\xAF\xD8\xA7\xD8\xAE\xD9\x84",
                          "\xD8\xB9\xD8\xA8\xD8\xB1"})  // في من الي نحو داخل عبر
      if (w == p) return true;
    return false;
  };
  // (a capital too: «في الدوحة» is where, «الدوحة» as a subject is Qatar's government)
  std::unordered_map<uint32_t, const geo::PlaceMention*> country_at;  // by first token
  for (const auto& p : places)
    if (p.place.lat) country_at.emplace(p.tok_begin, &p);
  std::erase_if(m.actors, [&](const code::ActorMention& am) {
    if (am.anaphor || am.patron || am.tok_begin != am.name_begin) return false;
    auto it = country_at.find(am.tok_begin);
    if (it == country_at.end()) return false;
    const auto& p = *it->second;
    return p.tok_end == am.tok_end &&
           (p.rule.rfind("context:", 0) == 0 || p.rule.rfind("type:", 0) == 0 || locative(am.tok_begin));
  });
}

struct Coder::Impl {
  explicit Impl(const std::filesystem::path& dir)
      : actors(knowledge::ActorLexicon::load(dir)),
        triggers(knowledge::TriggerLexicon::load(dir)),
        cues(knowledge::CueLexicon::load(dir)),
        clause_breaks(load_clause_breaks(dir)),
        merged_cues(code::merge_cue_indexes(actors, triggers, cues)),
        places(dir),
        dates(dir),
        numbers(dir),
        casualties(dir, numbers) {}

  knowledge::ActorLexicon actors;
  knowledge::TriggerLexicon triggers;
  knowledge::CueLexicon cues;
  knowledge::PhraseIndex clause_breaks;
  knowledge::PhraseIndex merged_cues;
  geo::PlaceFinder places;
  dates::DateFinder dates;
  number::NumberReader numbers;
  number::CasualtyFinder casualties;

  Result run(const Document& doc, code::Trace* trace) const {
    Result result;
    result.doc_id = doc.id;
    text::Analysis a = text::analyse(doc.text);
    code::Lexicons lex{actors, triggers, cues, merged_cues};
    // every finder's mentions in text order: the assembler looks them up by binary search
    auto by_token = [](const auto& x, const auto& y) { return x.tok_begin < y.tok_begin; };
    std::vector<geo::PlaceMention> found_places = places.find(a, doc.text);
    std::stable_sort(found_places.begin(), found_places.end(), by_token);
    int main_place = places.main_place(found_places);
    code::ArticleContext context{dominant_country(found_places), doc.date, std::vector<bool>(a.tokens.size(), false)};
    for (const auto& p : found_places)
      if (p.rule != "bare"sv)
        for (uint32_t t = p.tok_begin; t < p.tok_end && t < a.tokens.size(); ++t) context.place_tokens[t] = true;
    code::Mentions m = code::find_mentions(lex, a, context);
    // a trigger word inside a place name («كفر بطيخ», «جرف الصخر») is part of the name
    std::erase_if(m.triggers, [&](const code::TriggerMention& t) {
      for (uint32_t i = t.tok_begin; i < t.tok_end; ++i)
        if (context.place_tokens[i]) return true;
      return false;
    });
    drop_countries_as_places(m, found_places, a);
    // Dates and casualties belong to events: read only the sentences that tell
    // one (and, for dates, the lead, whose date an undated event takes); the
    // assembler looks nowhere else. `explain` reads everything.
    std::vector<bool> told(a.sentences.size(), trace != nullptr);
    for (const auto& t : m.triggers)
      if (t.sentence < told.size()) told[t.sentence] = true;
    std::vector<bool> told_or_lead = told;
    for (size_t si = 0; si < told_or_lead.size() && si < code::kLeadSentences; ++si) told_or_lead[si] = true;
    std::vector<dates::DateMention> found_dates = dates.find(a, doc.text, doc.date, &told_or_lead);
    std::stable_sort(found_dates.begin(), found_dates.end(), by_token);
    std::vector<number::CasualtyMention> found_casualties = casualties.find(a, &told);
    std::stable_sort(found_casualties.begin(), found_casualties.end(), by_token);
    code::ArticleFacts facts{a, doc.text, m, found_places, main_place, found_dates, found_casualties, doc.date};
    code::AssemblyLexicons alex{lex, clause_breaks};
    if (trace) describe(a, m, found_places, found_dates, found_casualties, *trace);
    result.events = code::assemble_events(alex, facts, trace);
    result.relations = code::assemble_relations(alex, facts, trace);
    return result;
  }

  void describe(const text::Analysis& a, const code::Mentions& m, const std::vector<geo::PlaceMention>& ps,
                const std::vector<dates::DateMention>& ds, const std::vector<number::CasualtyMention>& cs,
                code::Trace& out) const {
    std::ostringstream tokens;
    tokens << "tokens:";
    for (const auto& t : a.tokens) {
      tokens << ' ' << t.norm;
      if (t.keys.size() > 1) tokens << '{' << t.keys.back() << '}';
    }
    out.push_back(tokens.str());
    auto span_text = [&](uint32_t b, uint32_t e) {
      std::string s;
      for (uint32_t i = b; i < e && i < a.tokens.size(); ++i) s += (s.empty() ? "" : " ") + std::string(a.tokens[i].norm);
      return s;
    };
    for (const auto& x : m.actors)
      out.push_back("actor «" + span_text(x.tok_begin, x.tok_end) + "» → " + actors.at(x.actor).id + " (" + x.rule +
                    (x.member ? ", members" : "") + (x.ambiguous ? ", ambiguous" : "") + ")");
    for (const auto& x : m.triggers) {
      const auto& t = triggers.trigger(x.trigger);
      out.push_back("trigger «" + span_text(x.tok_begin, x.tok_end) + "» → " + t.type + (t.mode.empty() ? "" : "/" + t.mode) +
                    " (" + t.rule + ")");
    }
    for (const auto& x : m.status)
      out.push_back("status cue «" + span_text(x.tok_begin, x.tok_end) + "» → " + cues.status_cue(x.payload).status);
    for (const auto& x : m.attribution) out.push_back("attribution cue «" + span_text(x.tok_begin, x.tok_end) + "»");
    for (const auto& x : m.relations)
      out.push_back("relation cue «" + span_text(x.tok_begin, x.tok_end) + "» → " + cues.relation_cue(x.payload).relation);
    for (const auto& x : m.preps) out.push_back("marker «" + span_text(x.tok_begin, x.tok_end) + "»");
    for (const auto& p : ps) {
      std::ostringstream s;
      s << "place «" << span_text(p.tok_begin, p.tok_end) << "» → " << p.place.name_ar << " (" << p.place.gazetteer_id
        << ", " << p.place.precision;
      if (p.place.lat) s << ", " << *p.place.lat << "," << *p.place.lon;
      s << ") rule=" << p.rule;
      out.push_back(s.str());
    }
    for (const auto& d : ds)
      out.push_back("date «" + d.date.text + "» → " + (d.date.value.empty() ? "unresolved" : d.date.value) + " (" +
                    d.date.precision + (d.background ? ", background" : "") + ")");
    for (const auto& c : cs) {
      std::ostringstream s;
      s << "casualties «" << span_text(c.tok_begin, c.tok_end) << "»: killed "
        << (c.counts.killed ? std::to_string(*c.counts.killed) : "null") << ", injured "
        << (c.counts.injured ? std::to_string(*c.counts.injured) : "null");
      out.push_back(s.str());
    }
  }
};

Coder::Coder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Coder::~Coder() = default;

std::unique_ptr<Coder> Coder::load(const std::filesystem::path& data_dir) {
  if (!std::filesystem::is_directory(data_dir))
    throw LoadError(data_dir.string() + ": knowledge directory not found (set MARSAD_DATA or --data)");
  return std::unique_ptr<Coder>(new Coder(std::make_unique<Impl>(data_dir)));
}

Result Coder::code(const Document& doc) const { return impl_->run(doc, nullptr); }

std::string Coder::explain(std::string_view text, std::string_view publication_date) const {
  Document doc;
  doc.id = "explain";
  doc.text = std::string(text);
  doc.date = std::string(publication_date);
  code::Trace trace;
  Result r = impl_->run(doc, &trace);
  std::ostringstream out;
  for (const auto& line : trace) out << line << '\n';
  out << "events: " << r.events.size() << ", relations: " << r.relations.size() << '\n';
  out << to_json(r) << '\n';
  return out.str();
}

std::filesystem::path default_data_dir() {
  if (const char* env = std::getenv("MARSAD_DATA"); env && *env) return env;
#ifdef MARSAD_DEFAULT_DATA_DIR
  if (std::filesystem::is_directory(MARSAD_DEFAULT_DATA_DIR)) return MARSAD_DEFAULT_DATA_DIR;
#endif
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto candidate : {exe.parent_path() / ".." / "share" / "marsad" / "data", exe.parent_path() / ".." / "data",
                           exe.parent_path() / "data"})
      if (std::filesystem::is_directory(candidate)) return candidate;
  }
  return "data";
}

}  // namespace marsad
