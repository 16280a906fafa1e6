// Micro-benchmarks, one per stage of the data's path, each reporting bytes/s
// of article text:
//   normalise  text::fold_utf8                 (character folding)
//   tokenise   text::analyse                   (tokens, keys, sentences)
//   match      the actor/trigger phrase indexes over every sentence
//   resolve    places (gazetteer), dates and casualties over an analysed article
//   code       Coder::code, the whole coder for one article
//   serialise  to_json of an article's result
//
// Input: the articles of $MARSAD_BENCH_CORPUS (SPEC §2 JSON Lines, .gz too;
// the first 300 are used), else data/sample/seed.jsonl. Knowledge from
// $MARSAD_DATA or the source tree's data/.
//
//   build-perf/bench/marsad_bench --benchmark_min_time=1
//   MARSAD_BENCH_CORPUS=/tmp/corpus.jsonl build-perf/bench/marsad_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "geo/places.h"
#include "io/documents.h"
#include "knowledge/actors.h"
#include "knowledge/triggers.h"
#include "marsad/marsad.h"
#include "number/casualties.h"
#include "number/numbers.h"
#include "text/text.h"
#include "time/dates.h"

namespace {

constexpr size_t kMaxDocs = 300;

// Everything loaded once for all benchmarks.
struct Fixture {
  std::filesystem::path data = marsad::default_data_dir();
  std::vector<marsad::Document> docs;
  size_t bytes = 0;
  std::unique_ptr<marsad::Coder> coder = marsad::Coder::load(data);
  marsad::knowledge::ActorLexicon actors = marsad::knowledge::ActorLexicon::load(data);
  marsad::knowledge::TriggerLexicon triggers = marsad::knowledge::TriggerLexicon::load(data);
  marsad::geo::PlaceFinder places{data};
  marsad::dates::DateFinder dates{data};
  marsad::number::NumberReader numbers{data};
  marsad::number::CasualtyFinder casualties{data, numbers};
  std::vector<marsad::text::Analysis> analyses;
  std::vector<marsad::Result> results;

  Fixture() {
    const char* env = std::getenv("MARSAD_BENCH_CORPUS");
    const std::string file = env && *env ? env : (data / "sample" / "seed.jsonl").string();
    marsad::io::DocumentReader reader{marsad::io::ReaderOptions{}};
    reader.read(
        file,
        [&](marsad::Document&& d, const marsad::io::Origin&) {
          bytes += d.text.size();
          docs.push_back(std::move(d));
          return docs.size() < kMaxDocs;
        },
        [](const marsad::io::ReadError& e) { throw std::runtime_error(e.to_string()); });
    if (docs.empty()) throw std::runtime_error(file + ": no document");
    for (const auto& d : docs) {
      analyses.push_back(marsad::text::analyse(d.text));
      results.push_back(coder->code(d));
    }
  }
};

Fixture& fixture() {
  static Fixture f;  // loaded on first use, read-only afterwards
  return f;
}

void set_bytes(benchmark::State& state, const Fixture& f) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(f.bytes));
  state.counters["articles/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(f.docs.size()),
                                                    benchmark::Counter::kIsRate);
}

void BM_Normalise(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& d : f.docs) benchmark::DoNotOptimize(marsad::text::fold_utf8(d.text));
  set_bytes(state, f);
}
BENCHMARK(BM_Normalise);

void BM_Tokenise(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& d : f.docs) benchmark::DoNotOptimize(marsad::text::analyse(d.text));
  set_bytes(state, f);
}
BENCHMARK(BM_Tokenise);

void BM_Match(benchmark::State& state) {
  const Fixture& f = fixture();
  std::vector<marsad::knowledge::PhraseMatch> out;
  for (auto _ : state) {
    for (const auto& a : f.analyses) {
      for (const auto& s : a.sentences) {
        out.clear();
        f.actors.names().find_longest(a.tokens, s.tok_begin, s.tok_end, out);
        f.triggers.index().find_longest(a.tokens, s.tok_begin, s.tok_end, out);
        benchmark::DoNotOptimize(out.data());
      }
    }
  }
  set_bytes(state, f);
}
BENCHMARK(BM_Match);

void BM_Resolve(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state) {
    for (size_t i = 0; i < f.docs.size(); ++i) {
      benchmark::DoNotOptimize(f.places.find(f.analyses[i], f.docs[i].text));
      benchmark::DoNotOptimize(f.dates.find(f.analyses[i], f.docs[i].text, f.docs[i].date));
      benchmark::DoNotOptimize(f.casualties.find(f.analyses[i]));
    }
  }
  set_bytes(state, f);
}
BENCHMARK(BM_Resolve);

void BM_Code(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& d : f.docs) benchmark::DoNotOptimize(f.coder->code(d));
  set_bytes(state, f);
}
BENCHMARK(BM_Code);

void BM_Serialise(benchmark::State& state) {
  const Fixture& f = fixture();
  for (auto _ : state)
    for (const auto& r : f.results) benchmark::DoNotOptimize(marsad::to_json(r));
  set_bytes(state, f);
}
BENCHMARK(BM_Serialise);

}  // namespace
