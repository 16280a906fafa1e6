// Encoding detection and conversion with ICU (ucnv, ucsdet).
#include "ingest/encoding.h"

#include <simdjson.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "io/documents.h"

namespace marsad::ingest {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_utf8_name(const std::string& l) { return l == "utf-8" || l == "utf8"; }

}  // namespace

bool convert_to_utf8(std::string_view bytes, const std::string& charset, std::string& out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &err);
  if (U_FAILURE(err) || conv == nullptr) return false;
  ucnv_close(conv);
  out.assign(bytes.size() * 3 + 16, '\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    out.assign(static_cast<size_t>(n) + 1, '\0');
    err = U_ZERO_ERROR;
    n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                     static_cast<int32_t>(bytes.size()), &err);
  }
  if (U_FAILURE(err)) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

std::string detect_charset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err)) return {};
  std::string_view sample = bytes.substr(0, std::min<size_t>(bytes.size(), 1 << 16));
  ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det, &count, &err);
  std::string best;
  if (U_SUCCESS(err)) {
    for (int32_t i = 0; i < count && best.empty(); ++i) {
      UErrorCode e2 = U_ZERO_ERROR;
      const char* name = ucsdet_getName(matches[i], &e2);
      if (U_FAILURE(e2) || name == nullptr) continue;
      std::string n = name;
      if (n == "windows-1256" || n == "ISO-8859-6" || n == "UTF-8") best = n;
    }
  }
  ucsdet_close(det);
  return best;
}

std::string charset_from_content_type(std::string_view ct) {
  std::string l = lower(ct);
  size_t p = l.find("charset");
  if (p == std::string::npos) return {};
  p = l.find('=', p);
  if (p == std::string::npos) return {};
  ++p;
  while (p < l.size() && (l[p] == ' ' || l[p] == '"' || l[p] == '\'')) ++p;
  size_t e = p;
  while (e < l.size() && (std::isalnum(static_cast<unsigned char>(l[e])) || l[e] == '-' || l[e] == '_' || l[e] == ':'))
    ++e;
  return l.substr(p, e - p);
}

bool looks_binary(std::string_view bytes) {
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
    return false;
  std::string_view s = bytes.substr(0, std::min<size_t>(bytes.size(), 1 << 16));
  size_t control = 0;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
    if (c == 0x7F) ++control;
  }
  return !s.empty() && control * 50 > s.size();
}

std::string to_utf8(std::string_view bytes, std::string_view declared, std::string* used) {
  auto set = [&](const char* name) {
    if (used) *used = name;
  };
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    set("UTF-8");
    // a BOM promises UTF-8; bytes that break the promise become U+FFFD (ICU)
    std::string out;
    if (!simdjson::validate_utf8(bytes.data() + 3, bytes.size() - 3) && convert_to_utf8(bytes.substr(3), "UTF-8", out))
      return out;
    return std::string(bytes.substr(3));
  }
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    bool le = bytes[0] == '\xFF';
    std::string out;
    if (convert_to_utf8(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", out)) {
      set(le ? "UTF-16LE" : "UTF-16BE");
      return out;
    }
  }
  if (io::is_valid_utf8(bytes)) {
    set("UTF-8");
    return std::string(bytes);
  }
  std::string out;
  std::string decl = lower(declared);
  if (!decl.empty() && !is_utf8_name(decl)) {
    // Canonical names for the usual labels.
    std::string name = decl;
    if (decl == "cp1256" || decl == "windows1256" || decl == "x-cp1256") name = "windows-1256";
    if (decl == "iso8859-6" || decl == "iso_8859-6" || decl == "arabic" || decl == "iso-8859-6-i") name = "ISO-8859-6";
    if (name == "windows-1256" || name == "iso-8859-6") name = name == "iso-8859-6" ? "ISO-8859-6" : name;
    if (convert_to_utf8(bytes, name, out)) {
      if (used) *used = name;
      return out;
    }
  }
  std::string guess = detect_charset(bytes);
  if (guess.empty() || guess == "UTF-8") guess = "windows-1256";
  if (convert_to_utf8(bytes, guess, out)) {
    if (used) *used = guess;
    return out;
  }
  set("windows-1256");
  return io::decode_text(bytes);
}

}  // namespace marsad::ingest
