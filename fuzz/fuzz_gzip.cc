// Fuzz target: the gzip member readers: io::ByteStream (zlib inflate, used for
// .warc.gz, ingest and code) and the document reader on a .jsonl.gz file.
#include <cstdint>
#include <string>
#include <vector>

#include "common.h"
#include "io/byte_stream.h"
#include "io/documents.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = marsad::fuzz::temp_file(data, size, ".jsonl.gz");
  {
    marsad::io::ByteStream s(path);
    std::vector<char> buf(4096);
    size_t total = 0;
    while (s.ok() && total < (size_t{8} << 20)) {  // cap what a tiny zip bomb may inflate to
      size_t n = s.read(buf.data(), buf.size());
      if (n == 0) break;
      total += n;
    }
    (void)s.error();
    (void)s.file_offset();
  }
  marsad::io::ReaderOptions opt;
  opt.max_document_bytes = 1 << 16;
  marsad::io::DocumentReader reader(opt);
  reader.read(path, [](marsad::Document&&, const marsad::io::Origin&) { return true; },
              [](const marsad::io::ReadError&) {});
  return 0;
}
