// The coder's rules, each on a real sentence of Arabic reporting.
// (The wider table of sentences is tests/golden/sentences.jsonl, run by golden_test.cc.)
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "marsad/marsad.h"

namespace marsad {
namespace {

class CoderRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { coder_ = Coder::load(std::filesystem::path(MARSAD_SOURCE_DIR) / "data").release(); }
  static void TearDownTestSuite() {
    delete coder_;
    coder_ = nullptr;
  }

  static Result code(const std::string& text, const std::string& date = "2021-01-27") {
    Document d;
    d.id = "t";
    d.date = date;
    d.text = text;
    return coder_->code(d);
  }
  // The events' places, in order (empty name for an event without one).
  static std::vector<std::string> places(const Result& r) {
    std::vector<std::string> out;
    for (const auto& e : r.events) out.push_back(e.location ? e.location->name_ar : std::string());
    return out;
  }
  static std::set<std::string> ids(const std::vector<ActorRef>& actors) {
    std::set<std::string> out;
    for (const auto& a : actors) out.insert(a.id);
    return out;
  }
  static const Event* find(const Result& r, const std::string& type) {
    for (const auto& e : r.events)
      if (e.type == type) return &e;
    return nullptr;
  }
  static bool has_relation(const Result& r, const std::string& actor, const std::string& patron) {
    return std::any_of(r.relations.begin(), r.relations.end(),
                       [&](const Relation& x) { return x.actor.id == actor && x.patron.id == patron; });
  }

  static Coder* coder_;
};
Coder* CoderRules::coder_ = nullptr;

using Ids = std::set<std::string>;

TEST_F(CoderRules, VerbFirstClauseGivesTheSource) {
  auto r = code("وأرسلت مليشيات “الدفاع الوطني” الاثنين، تعزيزات عسكرية إلى نقاطها على طريق تدمر دير الزور.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].type, "MOBILIZE");
  EXPECT_EQ(r.events[0].mode, "troops");
  EXPECT_EQ(ids(r.events[0].source), Ids{"ndf"});
  ASSERT_TRUE(r.events[0].date);
  EXPECT_EQ(r.events[0].date->value, "2021-01-25");
}

TEST_F(CoderRules, NominalClashBetweenTwoSidesIsReciprocal) {
  auto r = code("وكانت اشتباكات قد اندلعت بين عناصر مليشيا “الدفاع الوطني” وعناصر مليشيا الفوج 47 التابع للحرس الثوري الإيراني.");
  const Event* e = find(r, "ASSAULT");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->mode, "clash");
  EXPECT_TRUE(e->reciprocal);
  EXPECT_EQ(ids(e->source), Ids{"ndf"});
  EXPECT_EQ(ids(e->target), Ids{"irgc_regiment47"});
  EXPECT_TRUE(has_relation(r, "irgc_regiment47", "irgc"));
}

TEST_F(CoderRules, LightVerbAndItsNounMakeOneEvent) {
  auto r = code("شنت طائرات التحالف العربي غارات على مواقع للحوثيين في مدينة صعدة.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].type, "ASSAULT");
  EXPECT_EQ(r.events[0].mode, "airstrike");
  EXPECT_EQ(ids(r.events[0].source), Ids{"saudi_led_coalition"});
  EXPECT_EQ(ids(r.events[0].target), Ids{"houthis"});
  EXPECT_EQ(r.events[0].acled_sub_event_type, "Air/drone strike");
}

TEST_F(CoderRules, PassiveWithAgentMarker) {
  auto r = code("قُتل عنصران من قسد برصاص مجهولين في بلدة البصيرة بريف دير الزور الشرقي.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(ids(r.events[0].source), Ids{"unidentified_gunmen"});
  EXPECT_EQ(ids(r.events[0].target), Ids{"sdf"});
  EXPECT_EQ(r.events[0].casualties.killed, 2);
}

TEST_F(CoderRules, StatusCueBeforeAVictimNounAndItsAgent) {
  auto r = code("وكانت اشتباكات قد اندلعت بين عناصر مليشيا الدفاع الوطني وعناصر مليشيا الفوج 47، إثر محاولة الأخيرة "
                "اعتقال أحد قياديي الدفاع الوطني في مدينة البوكمال.");
  const Event* e = find(r, "COERCE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->mode, "arrest");
  EXPECT_EQ(e->status, "attempted");
  EXPECT_EQ(ids(e->source), Ids{"irgc_regiment47"});  // «الأخيرة»: the latter named
  EXPECT_EQ(ids(e->target), Ids{"ndf"});
}

TEST_F(CoderRules, NationalityComposesTheActor) {
  auto r = code("وشهدت سماء المنطقة تحليقاً مكثفاً لطيران الاستطلاع الروسي.");
  const Event* e = find(r, "MOBILIZE");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->mode, "flights");
  EXPECT_EQ(ids(e->source), Ids{"russia_air_force"});
}

TEST_F(CoderRules, DelegationIsResolvedToWhoSentIt) {
  auto r = code("وصل وفد من الشرطة العسكرية الروسية إلى بلدة التبني. واستنفرت الميليشيات الإيرانية بالتزامن مع وصول الوفد.");
  int visits = 0;
  for (const auto& e : r.events)
    if (e.type == "CONSULT") {
      ++visits;
      EXPECT_EQ(ids(e.source), Ids{"russia_military_police"});
    }
  EXPECT_EQ(visits, 1);  // «وصول الوفد» restates the arrival
  const Event* alert = find(r, "MOBILIZE");
  ASSERT_NE(alert, nullptr);
  EXPECT_EQ(ids(alert->source), Ids{"iran_backed_militias"});
}

TEST_F(CoderRules, RelationsFromCues) {
  auto r = code("تشهد مدينة البوكمال توتراً وسط استنفار لمليشيا “الدفاع الوطني” المدعومة من روسيا. وضم الوفد ضباطاً من "
                "الفيلق الخامس المدعوم روسياً.");
  EXPECT_TRUE(has_relation(r, "ndf", "russia"));
  EXPECT_TRUE(has_relation(r, "fifth_corps", "russia"));
  EXPECT_FALSE(has_relation(r, "iran_backed_militias", "russia"));
}

TEST_F(CoderRules, PluralRelationCueCoversCoordinatedActors) {
  auto r = code("في إشارة إلى “الدفاع الوطني ولواء القدس” المدعومين من روسيا.");
  EXPECT_TRUE(has_relation(r, "ndf", "russia"));
  EXPECT_TRUE(has_relation(r, "liwa_alquds", "russia"));
}

TEST_F(CoderRules, AStateIsNotAnEvent) {
  auto r = code("تسيطر قوات سوريا الديمقراطية على مدينة منبج منذ عام 2016.");
  EXPECT_TRUE(r.events.empty());
}

TEST_F(CoderRules, PageFurnitureIsNotReport) {
  auto r = code("مقالات ذات صلة\nزر الذهاب إلى الأعلى\nرابط الخبر: اشتباكات في تعز بين المقاومة والحوثيين");
  EXPECT_TRUE(r.events.empty());
}

TEST_F(CoderRules, CoordinatedVerbKeepsTheSubject) {
  auto r = code("داهمت قوات الاحتلال منازل في مخيم جنين واعتقلت أربعة شبان.");
  const Event* arrest = nullptr;
  for (const auto& e : r.events)
    if (e.type == "COERCE" && e.mode == "arrest") arrest = &e;
  ASSERT_NE(arrest, nullptr);
  EXPECT_EQ(ids(arrest->source), Ids{"israel_forces"});
}

TEST_F(CoderRules, CasualtiesOfTheClashInTheNextSentence) {
  auto r = code("اندلعت اشتباكات بين قوات النظام وفصائل المعارضة في بلدة كفرنبل بريف إدلب الجنوبي. وأدت الاشتباكات "
                "إلى مقتل ثلاثة عناصر من قوات النظام وإصابة خمسة آخرين.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].casualties.killed, 3);
  EXPECT_EQ(r.events[0].casualties.injured, 5);
}

TEST_F(CoderRules, AHappeningTakesTheEarliestDateItsTellingsGive) {
  // the statement «اليوم» reports the attack of «الليلة الماضية»
  auto r = code("شن تنظيم داعش هجوماً على مواقع الفصائل في مدينة مارع. وقال التنظيم في بيان اليوم إن مقاتليه هاجموا "
                "مواقع الفصائل في مارع. وفجر انتحاريون من التنظيم سيارات مفخخة قرب مواقع الفصائل في مارع الليلة الماضية.",
                "2015-08-11");
  ASSERT_EQ(r.events.size(), 1u);
  ASSERT_TRUE(r.events[0].date);
  EXPECT_EQ(r.events[0].date->value, "2015-08-10");
}

TEST_F(CoderRules, AHistorySentenceAddsNoVictims) {
  auto r = code("قتل خمسة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب الجنوبي. وتشهد سوريا منذ "
                "منتصف آذار 2011 نزاعاً دامياً تسبب بمقتل أكثر من 230 ألف شخص.");
  const Event* e = find(r, "ASSAULT");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->casualties.killed, 5);
}

TEST_F(CoderRules, AnEventWithoutAPlaceTakesThePlaceJustTold) {
  // the paragraph goes on about Jerusalem; the article also names Tehran, more than once
  auto r = code("قالت طهران إن الغارة الإسرائيلية على القنيطرة لن تمر دون رد، وأكدت طهران دعمها لحزب الله. "
                "واقتحم مستوطنون باحات المسجد الأقصى في القدس صباح اليوم. واعتدت القوات الإسرائيلية على المصلين "
                "بالضرب.");
  const Event* e = nullptr;
  for (const auto& x : r.events)
    if (x.type == "ASSAULT" && x.evidence.sentence.begin > 100) e = &x;
  ASSERT_NE(e, nullptr);
  ASSERT_TRUE(e->location);
  EXPECT_EQ(e->location->name_ar, "القدس");
}

// fuzz_coder (2026-11-26): a road type word as the last word of the text («… على طريق»)
// made the place finder read one token past the end (ASan: heap-buffer-overflow).
TEST_F(CoderRules, TextEndingInARoadTypeWord) {
  for (const char* text : {"قتل شخص على طريق", "استهدف هجوم حافلة على الطريق الدولي الرابط بين",
                           "استهدف هجوم حافلة على الطريق الدولي الرابط بين حلب ومدينة"}) {
    auto r = code(text);
    EXPECT_LE(r.events.size(), 1u) << text;
  }
  std::ifstream in(std::string(MARSAD_SOURCE_DIR) + "/fuzz/regressions/coder-road-end-of-text.bin", std::ios::binary);
  ASSERT_TRUE(in);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t nl = bytes.find('\n');
  auto r = code(nl != std::string::npos && nl <= 40 ? bytes.substr(nl + 1) : bytes,
                nl != std::string::npos && nl <= 40 ? bytes.substr(0, nl) : std::string());
  EXPECT_EQ(r.doc_id, "t");
}

TEST_F(CoderRules, EastOfATownIsNotTheTown) {
  auto r = code("قتل ثلاثة عناصر من قوات النظام بهجوم لخلايا تنظيم داعش شرقي دير الزور.");
  ASSERT_EQ(r.events.size(), 1u);
  ASSERT_TRUE(r.events[0].location && r.events[0].location->lat);
  EXPECT_EQ(r.events[0].location->precision, "district");
  EXPECT_GT(*r.events[0].location->lon, 40.25);  // Deir ez-Zor city is at 40.14 E
}

// A headline's place summarises («… في حماة»); the body's village of the same event
// is where it happened, even when the gazetteer lacks it and it sits at its container.
TEST_F(CoderRules, BodyVillageWinsOverTheHeadlinePlace) {
  auto r = code(
      "هجوم على نقطة لقوات النظام في حماة\n"
      "استهدف مسلحون مجهولون نقطة لقوات النظام قرب بلدة كفرزيتا بريف حماة الشمالي.\n"
      "ولم ترد أنباء عن إصابات في صفوف العناصر.");
  EXPECT_EQ(places(r), (std::vector<std::string>{"كفرزيتا"}));
}

// Two villages by two names are two places: the same doer and done-to there are two events.
TEST_F(CoderRules, TwoNamedVillagesAreTwoEvents) {
  auto r = code(
      "قتل شاب برصاص مسلحين مجهولين في بلدة الشحيل بريف دير الزور الشرقي.\n"
      "وفي بلدة ذيبان، أصيب شاب آخر برصاص مسلحين مجهولين.");
  EXPECT_EQ(places(r), (std::vector<std::string>{"الشحيل", "ذيبان"}));
}

// «التوجه» is a noun with the article, not the light verb «توجه»; «ألقت» begins with
// the letters of the article and is still the verb.
TEST_F(CoderRules, LightVerbIsNeverANounWithTheArticle) {
  auto r = code("وألقت قوات النظام القبض على ثلاثة شبان في مدينة درعا.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].type, "COERCE");
  ASSERT_EQ(r.events[0].source.size(), 1u);
  EXPECT_EQ(r.events[0].source[0].id, "syria_regime_forces");
}

// A lead's toll over a governorate is the day's total; the body's raids on two towns are
// two events, each with the toll of the sentence that names its town.
TEST_F(CoderRules, LeadTotalSplitsIntoTheBodysRaids) {
  auto r = code(
      "قتل 15 مدنياً في غارات روسية على ريف إدلب اليوم.\n"
      "واستهدفت الطائرات الروسية مدينة معرة النعمان ما أدى إلى مقتل 11 مدنياً.\n"
      "كما قتل أربعة مدنيين في غارات روسية على بلدة كفرنبل.");
  ASSERT_EQ(places(r), (std::vector<std::string>{"معرة النعمان", "كفر نبل"}));
  EXPECT_EQ(r.events[0].casualties.killed, 11);
  EXPECT_EQ(r.events[1].casualties.killed, 4);
}

// A toll «since» something is the sum of many happenings, not this event's.
TEST_F(CoderRules, TollSinceABeginningIsNoEventsToll) {
  auto r = code("قتل نحو عشرين من عناصر قوات النظام منذ بداية الهجوم على بلدة كفرنبل.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_FALSE(r.events[0].casualties.killed.has_value());
}

// A death that has taken in its cause («… في قصف شنته قوات النظام») is that attack, not a
// loose toll for the next attack of the sentence; each toll goes to the attack named
// nearest to it.
TEST_F(CoderRules, TollStaysWithTheAttackThatCausedIt) {
  auto r = code(
      "وأفاد المرصد بمقتل طفل وإصابة ثلاثة آخرين في قصف شنته قوات النظام على بلدة كفرنبل، في حين شنت "
      "الطائرات الروسية غارات على مدينة معرة النعمان.");
  ASSERT_EQ(r.events.size(), 2u);
  EXPECT_EQ(r.events[0].mode, "shelling");
  EXPECT_EQ(r.events[0].casualties.killed, 1);
  EXPECT_EQ(r.events[0].casualties.injured, 3);
  EXPECT_EQ(r.events[1].mode, "airstrike");
  EXPECT_FALSE(r.events[1].casualties.killed.has_value());
  EXPECT_FALSE(r.events[1].casualties.injured.has_value());
}

// «N آخرين قتلوا»: «N others were killed» — the passive of a plural verb after its subject,
// more of the civilians just named, hit by the doer told before.
TEST_F(CoderRules, OthersKilledAreMoreVictimsOfTheSameDoer) {
  auto r = code(
      "قتل 12 مدنياً في غارات لطائرات النظام على بلدة كفرنبل.\n"
      "وأوضح المرصد أن 5 آخرين قتلوا جراء قصف على بلدة حاس.\n"
      "وقصفت قوات النظام قرية معرشورين.");
  ASSERT_EQ(r.events.size(), 3u);
  ASSERT_EQ(r.events[1].target.size(), 1u);
  EXPECT_EQ(r.events[1].target[0].id, "civilians");
  ASSERT_EQ(r.events[1].source.size(), 1u);
  EXPECT_EQ(r.events[1].source[0].id, "syria_air_force");
  EXPECT_EQ(r.events[1].casualties.killed, 5);
  ASSERT_TRUE(r.events[1].location);
  EXPECT_EQ(r.events[1].location->name_ar, "حاس");
}

TEST_F(CoderRules, EvidenceOffsetsPointIntoTheOriginalText) {
  const std::string text = "قصفت قوات النظام بالمدفعية الثقيلة بلدة مجدليا بريف إدلب الجنوبي.";
  auto r = code(text);
  ASSERT_FALSE(r.events.empty());
  const auto& e = r.events[0];
  EXPECT_EQ(e.mode, "shelling");
  // the trigger span is «قصفت» (code points 0..4)
  EXPECT_EQ(e.evidence.trigger.begin, 0u);
  EXPECT_EQ(e.evidence.trigger.end, 4u);
  ASSERT_EQ(e.source.size(), 1u);
  EXPECT_EQ(e.source[0].span.begin, 5u);   // «قوات النظام»
  EXPECT_EQ(e.source[0].span.end, 16u);
  ASSERT_TRUE(e.location);
  EXPECT_NEAR(*e.location->lat, 35.6, 0.5);
}

TEST_F(CoderRules, BadTextNeverThrows) {
  EXPECT_NO_THROW(code(""));
  EXPECT_NO_THROW(code(std::string("\xff\xfe\x80 \xd8", 5)));
  EXPECT_NO_THROW(code(std::string(20000, '.')));
  EXPECT_NO_THROW(code("بين بين بين من قبل من قبل الطرفين الأخيرة"));
}

// Regression: a statement whose only speaker is a nationality adjective, in an
// article that names no actor otherwise (crashed on a SaudiNewsNet article).
TEST_F(CoderRules, NationalityAdjectiveAsTheOnlySpeaker) {
  auto r = code("ويأتي هذا التوجه بطلب من المدرب الجزائري عبدالقادر عمراني الذي تسلم مهامه مؤخراً.");
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].type, "REQUEST");
  EXPECT_TRUE(r.events[0].target.empty());
}

TEST_F(CoderRules, ACountrysideSectorHoldsItsTowns) {
  // «ريف دير الزور الشرقي» holds «البوكمال», 90 km from the sector's point: the strike told
  // again with its toll in a sentence that names the town is the same strike
  const std::string second =
      ". وأشارت مصادر محلية إلى مقتل تسعة من عناصر الميليشيات في هذا القصف، الذي جاء بعد يومين "
      "من وصول تعزيزات لها إلى مدينة البوكمال.";
  auto r = code("شنت طائرات مجهولة غارات جوية على مواقع للميليشيات الإيرانية في ريف دير الزور الشرقي" + second);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].casualties.killed, 9);
  EXPECT_EQ(places(r), std::vector<std::string>{"البوكمال"});  // the finer of its tellings' places
  // the western countryside does not hold it: two strikes
  auto w = code("شنت طائرات مجهولة غارات جوية على مواقع للميليشيات الإيرانية في ريف دير الزور الغربي" + second);
  EXPECT_EQ(w.events.size(), 2u);
}

TEST_F(CoderRules, JsonIsOneLineInSpecShape) {
  auto r = code("قصفت قوات النظام بلدة مجدليا بريف إدلب الجنوبي.");
  std::string j = to_json(r);
  EXPECT_EQ(j.find('\n'), std::string::npos);
  EXPECT_NE(j.find("\"doc_id\":\"t\""), std::string::npos);
  EXPECT_NE(j.find("\"events\":["), std::string::npos);
  EXPECT_NE(j.find("\"relations\":["), std::string::npos);
}

}  // namespace
}  // namespace marsad
