// Shared helpers of the libFuzzer targets (issue 8): the knowledge-data folder
// and a private temporary file for readers that only take a path.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace marsad::fuzz {

inline std::filesystem::path data_dir() {
  if (const char* d = std::getenv("MARSAD_DATA")) return d;
  return MARSAD_FUZZ_DATA_DIR;
}

// Writes the input to a per-process file (in /dev/shm when there) and returns its path.
inline std::string temp_file(const uint8_t* data, size_t size, const char* suffix) {
  std::string dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
  std::string path = dir + "/marsad-fuzz-" + std::to_string(getpid()) + suffix;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace marsad::fuzz
