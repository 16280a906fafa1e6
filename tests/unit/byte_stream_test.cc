// io::ByteStream (plain or gzip through zlib's inflate) and the document reader
// on top of it: pass-through, concatenated members, a damaged CRC or length
// (bytes kept, a warning), truncation (an error), reading a file descriptor.
// The gzip data is made here with zlib.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/byte_stream.h"
#include "io/documents.h"

namespace fs = std::filesystem;
using marsad::io::ByteStream;

namespace {

// One gzip member holding `data`.
std::string gzip(std::string_view data, int level = Z_DEFAULT_COMPRESSION) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Text that does not compress to nothing: numbered lines with some variety.
std::string lines(size_t n, const std::string& tag) {
  std::string s;
  uint32_t x = 12345;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    s += "{\"id\":\"" + tag + std::to_string(i) + "\",\"text\":\"قتل " + std::to_string(x % 100000) +
         " شخصا في حلب\"}\n";
  }
  return s;
}

// Reads everything in chunks of `chunk` bytes.
std::string drain(ByteStream& in, size_t chunk = 4096) {
  std::string out;
  std::vector<char> buf(chunk);
  while (size_t n = in.read(buf.data(), buf.size())) out.append(buf.data(), n);
  return out;
}

class Dir {
 public:
  Dir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("marsad_byte_stream_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, std::string_view bytes) const {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

 private:
  fs::path path_;
};

// The gzip trailer: CRC-32 then ISIZE, both little-endian, in the last 8 bytes.
std::string with_bad_crc(std::string member) {
  member[member.size() - 8] = static_cast<char>(member[member.size() - 8] ^ 0x5a);
  return member;
}
std::string with_bad_length(std::string member) {
  member[member.size() - 4] = static_cast<char>(member[member.size() - 4] ^ 0x01);
  return member;
}

}  // namespace

TEST(ByteStream, PlainFileIsPassedThrough) {
  Dir dir;
  // Larger than the 256 KiB first read, so both paths of the plain reader are used.
  const std::string data = lines(12000, "p");
  ASSERT_GT(data.size(), size_t{1} << 19);  // 256 KiB first buffer + more
  std::string path = dir.write("plain.jsonl", data);
  ByteStream in(path);
  ASSERT_TRUE(in.ok()) << in.error();
  EXPECT_EQ(drain(in, 1000), data);
  EXPECT_EQ(in.error(), "");
  EXPECT_FALSE(in.error_after_data());
  EXPECT_EQ(in.file_offset(), data.size());
  EXPECT_EQ(in.read(nullptr, 0), 0u);
}

TEST(ByteStream, ReadsOneMember) {
  Dir dir;
  const std::string data = lines(5000, "g");
  const std::string member = gzip(data);
  ByteStream in(dir.write("one.jsonl.gz", member));
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(drain(in, size_t{1} << 20), data);
  EXPECT_EQ(in.error(), "");
  EXPECT_EQ(in.file_offset(), member.size());
}

TEST(ByteStream, ReadsTwoConcatenatedMembers) {
  Dir dir;
  const std::string a = lines(3, "a"), b = lines(4, "b");
  ByteStream in(dir.write("two.jsonl.gz", gzip(a) + gzip(b)));
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(drain(in, 7), a + b);
  EXPECT_EQ(in.error(), "");
  EXPECT_FALSE(in.error_after_data());
}

TEST(ByteStream, BytesAfterTheLastMemberAreIgnored) {
  Dir dir;
  const std::string a = lines(3, "a");
  ByteStream in(dir.write("garbage.jsonl.gz", gzip(a) + "this is not gzip\n"));
  EXPECT_EQ(drain(in), a);
  EXPECT_EQ(in.error(), "");
}

TEST(ByteStream, DamagedCrcKeepsTheMembersBytesAndWarns) {
  Dir dir;
  const std::string data = lines(3, "c");
  ByteStream in(dir.write("bad_crc.jsonl.gz", with_bad_crc(gzip(data))));
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(drain(in), data);  // every byte inflated before the check is handed out
  EXPECT_TRUE(in.error_after_data());
  EXPECT_NE(in.error().find("gzip error: incorrect data check in member 1 (starting at compressed byte 0)"),
            std::string::npos)
      << in.error();
  EXPECT_NE(in.error().find("may be damaged"), std::string::npos) << in.error();
  EXPECT_EQ(in.read(nullptr, 1), 0u);  // stays at the end
}

TEST(ByteStream, DamagedSecondMemberNamesItsOffset) {
  Dir dir;
  const std::string a = lines(2, "a"), b = lines(3, "b");
  const std::string first = gzip(a);
  ByteStream in(dir.write("bad_second.jsonl.gz", first + with_bad_length(gzip(b))));
  EXPECT_EQ(drain(in), a + b);
  EXPECT_TRUE(in.error_after_data());
  EXPECT_NE(in.error().find("incorrect length check in member 2 (starting at compressed byte " +
                            std::to_string(first.size()) + ")"),
            std::string::npos)
      << in.error();
}

TEST(ByteStream, TruncatedStreamIsReported) {
  Dir dir;
  const std::string data = lines(20000, "t");
  const std::string member = gzip(data);
  ByteStream in(dir.write("truncated.jsonl.gz", member.substr(0, member.size() / 2)));
  ASSERT_TRUE(in.ok());
  std::string got = drain(in);
  EXPECT_FALSE(got.empty());
  EXPECT_LT(got.size(), data.size());
  EXPECT_EQ(got, data.substr(0, got.size()));  // what came out is the start of the data
  EXPECT_NE(in.error().find("truncated gzip stream"), std::string::npos) << in.error();
  EXPECT_FALSE(in.error_after_data());
}

TEST(ByteStream, CorruptDataIsAnError) {
  Dir dir;
  std::string member = gzip(lines(50, "x"));
  for (size_t i = 10; i < 30; ++i) member[i] = '\xff';
  ByteStream in(dir.write("corrupt.jsonl.gz", member));
  drain(in);
  EXPECT_NE(in.error().find("gzip error: "), std::string::npos) << in.error();
  EXPECT_NE(in.error().find("in member 1"), std::string::npos) << in.error();
  EXPECT_FALSE(in.error_after_data());
}

TEST(ByteStream, MissingFileCannotBeOpened) {
  ByteStream in("/nonexistent/marsad/byte_stream_test.gz");
  EXPECT_FALSE(in.ok());
  EXPECT_EQ(in.error(), "cannot open: No such file or directory");
  char c;
  EXPECT_EQ(in.read(&c, 1), 0u);
  EXPECT_EQ(in.file_offset(), 0u);
}

TEST(ByteStream, ReadsAFileDescriptorAndLeavesItOpen) {
  Dir dir;
  const std::string a = lines(3, "a"), b = lines(2, "b");
  std::string path = dir.write("fd.jsonl.gz", gzip(a) + gzip(b));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  {
    ByteStream in = ByteStream::from_fd(fd);
    ASSERT_TRUE(in.ok()) << in.error();
    EXPECT_EQ(drain(in), a + b);
    EXPECT_EQ(in.error(), "");
  }
  EXPECT_NE(::fcntl(fd, F_GETFD), -1);  // the caller's descriptor is still open
  ::close(fd);
}

TEST(ByteStream, ReadsAPipe) {
  const std::string plain = lines(4, "p");
  const std::string damaged = with_bad_crc(gzip(plain));
  for (const std::string* data : {&plain, &damaged}) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ASSERT_EQ(::write(fds[1], data->data(), data->size()), static_cast<ssize_t>(data->size()));  // < pipe buffer
    ::close(fds[1]);
    ByteStream in = ByteStream::from_fd(fds[0]);
    ::close(fds[0]);  // ByteStream holds its own copy
    ASSERT_TRUE(in.ok()) << in.error();
    EXPECT_EQ(drain(in, 10), plain);
    EXPECT_EQ(in.error_after_data(), data == &damaged);
  }
}

TEST(ByteStream, BadFileDescriptorIsReported) {
  ByteStream in = ByteStream::from_fd(-1);
  EXPECT_FALSE(in.ok());
  EXPECT_NE(in.error().find("cannot read file descriptor -1: "), std::string::npos) << in.error();
}

TEST(ByteStream, MoveAssignmentKeepsTheStream) {
  Dir dir;
  const std::string a = lines(2, "a"), b = lines(3, "b");
  ByteStream in(dir.write("a.gz", gzip(a)));
  char c = 0;
  ASSERT_EQ(in.read(&c, 1), 1u);
  in = ByteStream(dir.write("b.gz", gzip(b)));
  EXPECT_EQ(drain(in), b);
  ByteStream moved(std::move(in));
  EXPECT_EQ(moved.read(&c, 1), 0u);
  EXPECT_EQ(moved.error(), "");
}

// The document reader (`marsad code`) on the same damage.
TEST(DocumentsGzip, DamagedCrcKeepsTheDocumentsWithAWarning) {
  Dir dir;
  const std::string data = lines(3, "d");
  std::string path = dir.write("bad_crc_three.jsonl.gz", with_bad_crc(gzip(data)));
  std::vector<marsad::io::ReadError> errors;
  auto docs = marsad::io::read_all(path, &errors);
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "d0");
  EXPECT_EQ(docs[2].id, "d2");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_EQ(errors[0].to_string().rfind(path + ":3: warning: gzip error: incorrect data check in member 1", 0), 0u)
      << errors[0].to_string();
}

TEST(DocumentsGzip, TruncatedStreamIsAReadError) {
  Dir dir;
  const std::string data = lines(20000, "t");
  const std::string member = gzip(data);
  std::string path = dir.write("truncated.jsonl.gz", member.substr(0, member.size() / 2));
  std::vector<marsad::io::ReadError> errors;
  auto docs = marsad::io::read_all(path, &errors);
  EXPECT_GT(docs.size(), 0u);
  EXPECT_LT(docs.size(), 20000u);
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors.back().reason.find("read error: truncated gzip stream"), std::string::npos)
      << errors.back().to_string();
}

TEST(DocumentsGzip, StandardInputMayBeGzip) {
  Dir dir;
  const std::string a = lines(2, "a"), b = lines(3, "b");
  std::string path = dir.write("stdin.jsonl.gz", gzip(a) + with_bad_crc(gzip(b)));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  int saved = ::dup(STDIN_FILENO);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  std::vector<marsad::io::ReadError> errors;
  auto docs = marsad::io::read_all("-", &errors);
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[4].id, "b2");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string().rfind("<stdin>:5: warning: gzip error: incorrect data check in member 2", 0), 0u)
      << errors[0].to_string();
}
