// Random "word soup" of Arabic news vocabulary, numbers and punctuation, for
// tests that a finder never breaks (indices in range, no crash) on odd text.
#pragma once

#include <cstdint>
#include <string>

namespace marsad::testing_support {

class WordSoup {
 public:
  explicit WordSoup(uint32_t seed) : seed_(seed) {}
  // One text of 1–14 pieces, mostly separated by spaces.
  std::string next() {
    static const char* const kPool[] = {
        "مقتل", "وإصابة", "قتلوا", "قتيل", "وجريحان", "12", "3", "٣", "/", "-", ",", ".", "و", "و3", "عنصرين",
        "مدنيين", "اثنين", "ثلاثة", "عشر", "مئة", "وعشرون", "آلاف", "ألف", "نحو", "أكثر", "من", "عدد", "عشرات",
        "بينهم", "أطفال", "لقي", "حتفه", "مصرعهم", "أمس", "اليوم", "الاثنين", "الأحد", "ليل", "يوم", "منتصف",
        "الشهر", "الجاري", "الماضي", "آب", "تشرين", "الأول", "2021", "عام", "منذ", "الثالث", "الحادي", "والعشرين",
        "صلاة", "الجمعة", "هـ", "شهر", "(", ")", "«", "»", "أحد", "إحدى", "الأسبوع", "قبل", "ساعات", "1.5",
        "99999999999999999999", "31", "0"};
    std::string text;
    const int len = 1 + static_cast<int>(rnd() % 14);
    for (int k = 0; k < len; ++k) {
      text += kPool[rnd() % (sizeof kPool / sizeof kPool[0])];
      text += rnd() % 5 == 0 ? "" : " ";
    }
    return text;
  }

 private:
  uint32_t rnd() {
    seed_ = seed_ * 1103515245u + 12345u;
    return (seed_ >> 16) & 0x7fff;
  }
  uint32_t seed_;
};

}  // namespace marsad::testing_support
