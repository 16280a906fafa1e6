// The `marsad` program: a thin command line over the library.
//
//   marsad code [FILE…] [--pretty] [--data DIR] [--threads N]   SPEC §3 JSON Lines (or a table)
//   marsad explain "جملة عربية" [--date YYYY-MM-DD]              every step for one sentence
//
// Exit status: 0 when at least one document was read, 1 when nothing could be
// read, 2 for a command-line error, 3 when the knowledge files cannot be loaded.
#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdio>
#include <exception>
#include <iostream>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "cli/pipeline.h"
#include "cli/pretty.h"
#include "cli/store_commands.h"
#include "io/documents.h"
#include "marsad/marsad.h"

#ifndef MARSAD_VERSION
#define MARSAD_VERSION "0.0.0"
#endif

namespace {

constexpr int kExitNothingRead = 1;
constexpr int kExitUsage = 2;
constexpr int kExitLoad = 3;

// Messages on stderr, one per line ("FILE:LINE: reason"); lines from several
// threads never interleave.
class ErrorLog {
 public:
  void write(const std::string& message) {
    std::lock_guard lock(mutex_);
    std::string line = message + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
  }

 private:
  std::mutex mutex_;
};

std::unique_ptr<marsad::Coder> load_coder(const std::string& data_dir, ErrorLog& log) {
  try {
    return marsad::Coder::load(data_dir.empty() ? marsad::default_data_dir() : std::filesystem::path(data_dir));
  } catch (const std::exception& e) {
    log.write(std::string("marsad: cannot load the knowledge files: ") + e.what());
    return nullptr;
  }
}

struct CodeOptions {
  std::vector<std::string> files;
  bool pretty = false;
  std::string data_dir;
  unsigned threads = 1;
  double max_doc_mb = 64;
  std::string format = "auto";
};

int run_code(const CodeOptions& opt) {
  ErrorLog log;
  auto coder = load_coder(opt.data_dir, log);
  if (!coder) return kExitLoad;

  static char out_buffer[1 << 20];
  std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);

  marsad::io::ReaderOptions reader_options;
  reader_options.max_document_bytes = static_cast<size_t>(opt.max_doc_mb * 1024.0 * 1024.0);
  if (opt.format == "jsonl") reader_options.format = marsad::io::Format::JsonLines;
  if (opt.format == "text") reader_options.format = marsad::io::Format::Text;
  marsad::io::DocumentReader reader(reader_options);

  const marsad::Coder& c = *coder;
  const bool pretty = opt.pretty;
  auto work = [&c, &log, pretty](const marsad::Document& doc, const marsad::io::Origin& origin) -> std::string {
    marsad::Result result;
    try {
      result = c.code(doc);
    } catch (const std::exception& e) {
      log.write(marsad::io::ReadError{origin.file, origin.line, std::string("coding failed: ") + e.what()}.to_string());
      result = marsad::Result{};
    }
    if (result.doc_id.empty()) result.doc_id = doc.id;
    if (pretty) return marsad::cli::format_pretty(doc, result);
    std::string line = marsad::to_json(result);
    line.push_back('\n');
    return line;
  };
  auto emit = [](std::string&& text) { std::fwrite(text.data(), 1, text.size(), stdout); };

  size_t documents = 0;
  {
    marsad::cli::OrderedPipeline pipeline(opt.threads, work, emit);
    std::vector<std::string> files = opt.files.empty() ? std::vector<std::string>{"-"} : opt.files;
    for (const std::string& file : files) {
      auto stats = reader.read(
          file,
          [&](marsad::Document&& doc, const marsad::io::Origin& origin) {
            pipeline.push(std::move(doc), origin);
            return true;
          },
          [&](const marsad::io::ReadError& e) { log.write(e.to_string()); });
      documents += stats.documents;
    }
    pipeline.finish();
  }
  std::fflush(stdout);
  if (documents == 0) {
    log.write("marsad: no document could be read");
    return kExitNothingRead;
  }
  return 0;
}

int run_explain(const std::string& text_arg, const std::string& date, const std::string& data_dir) {
  ErrorLog log;
  std::string text = text_arg;
  if (text == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  auto coder = load_coder(data_dir, log);
  if (!coder) return kExitLoad;
  std::string out = coder->explain(text, date);
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Marsad (مرصد): Arabic conflict news in, coded events and actor relations out.\n"
      "Reads SPEC §2 documents (JSON Lines, .jsonl.gz, UTF-8 or Windows-1256 text files, or standard input)\n"
      "and writes one SPEC §3 JSON object per document, in input order.",
      "marsad"};
  app.set_version_flag("--version", std::string("marsad ") + MARSAD_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  marsad code data/sample/seed.jsonl > seed.out.jsonl\n"
      "  marsad code --pretty data/sample/seed.txt\n"
      "  cat corpus.jsonl | marsad code --threads 2 > events.jsonl\n"
      "  marsad explain \"قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي\" --date 2021-01-27\n"
      "Exit status: 0 = at least one document read, 1 = nothing could be read,\n"
      "2 = command-line error, 3 = knowledge files could not be loaded.\n"
      "Knowledge files: --data DIR, else $MARSAD_DATA, else the data/ folder of the source tree.");

  CodeOptions code_opt;
  auto* code = app.add_subcommand("code", "Code documents into events and relations (JSON Lines on stdout)");
  code->add_option("files", code_opt.files,
                   "Input files: FILE.jsonl[.gz] (one document per line), FILE.txt (one article; id = file name "
                   "without .txt), or - for standard input (JSON Lines if it starts with '{', else one article "
                   "with id \"stdin\"). Default: standard input.");
  code->add_flag("--pretty", code_opt.pretty, "Print a readable account per article instead of JSON");
  code->add_option("--data", code_opt.data_dir, "Directory of knowledge files (default: $MARSAD_DATA or built-in)");
  code->add_option("--threads,-j", code_opt.threads, "Documents coded in parallel; output order is unchanged")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  code->add_option("--max-doc-mb", code_opt.max_doc_mb,
                   "A JSON line or text file larger than this (MB) is reported and skipped")
      ->check(CLI::Range(0.001, 4096.0))
      ->capture_default_str();
  code->add_option("--format", code_opt.format, "Input format: auto (by name, else by first byte), jsonl, text")
      ->check(CLI::IsMember({"auto", "jsonl", "text"}))
      ->capture_default_str();

  std::string explain_text;
  std::string explain_date;
  std::string explain_data;
  auto* explain = app.add_subcommand("explain", "Show every step of coding one sentence or short text");
  explain->add_option("text", explain_text, "Arabic text (- reads standard input)")->required();
  explain->add_option("--date", explain_date, "Publication date YYYY-MM-DD, to resolve relative dates");
  explain->add_option("--data", explain_data, "Directory of knowledge files");

  marsad::cli::add_store_commands(app);  // ingest, query, export, stats (issue 4)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : kExitUsage;
  }
  if (*code) return run_code(code_opt);
  if (*explain) return run_explain(explain_text, explain_date, explain_data);
  return kExitUsage;
}
