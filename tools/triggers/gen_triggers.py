#!/usr/bin/env python3
"""Generate data/triggers/triggers.tsv and data/triggers/future.tsv.

The trigger knowledge is written below as compact entries; this script
expands verb lemmas into the surface conjugations that news text uses
(past 3ms/3fs/3mp/3fp/3du, present 3ms/3fs/3mp/3du), nouns into their
accusative (tanween) forms, and marks entries whose verb also appears in the
UniversalPetrarch Arabic CAMEO verb dictionary (MIT, (c) 2016 Open Event Data
Alliance) when that file is available at generation time.

Python 3 standard library only.  The output is checked in; Marsad never runs
this script.  Usage:
    python3 tools/triggers/gen_triggers.py [--up PATH_TO_verbs.CAMEO.ar.0.5.txt]

Entry syntax (one per line, fields separated by " | "):
    TYPE | mode | cameo | frame | pos | spec | note
spec is one or more chunks joined by " && ":
    V:past/pres[;past/pres...]   regular (sound, doubled, hamzated) verb:
                                 past stem (3ms) and present stem without the
                                 prefix: V:قصف/قصف  V:استهدف/ستهدف
    D:past/pres/f[;...]          defective verb: stems without the final
                                 weak letter, f = final letter of the present
                                 (ي or ى): D:ألق/لق/ي  D:تصد/تصد/ى
    N:w1,w2,...                  nouns; an accusative +ا form is added unless
                                 the word ends in ة ا ى ء ي or ات, or ends in !
    X:f1,f2,...                  exact forms (hollow verbs, participles, ...)
    P:p1,p2,...                  exact multi-word phrases
    -:f1,f2,...                  forms to drop from what the other chunks made
A note may carry `req=w1,w2,...`: the trigger should fire only when one of
these words (folded keys) occurs in the same clause.  See
data/README-triggers.md.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
OUT = os.path.join(ROOT, 'data', 'triggers')

# ---------------------------------------------------------------------------
# The knowledge.  Order within a type: generic triggers first, then per mode.
# ---------------------------------------------------------------------------
ENTRIES = r"""
# ===== ASSAULT =====
ASSAULT | clash | 190 | reciprocal | noun | N:اشتباكات,اشتباك,اشتباكين,اشتباكان | «اشتباكات بين أ و ب»; both actors are parties
ASSAULT | clash | 190 | reciprocal | verb | V:اشتبك/شتبك | «اشتبكت قوات أ مع ب»
ASSAULT | clash | 190 | reciprocal | noun | N:مواجهة | singular «مواجهة» is often «countering» («لمواجهة الإرهاب») | req=مع,بين,عنيفة,مسلحة,اندلعت,دامية,عنيف,قتلى,مقتل
ASSAULT | clash | 190 | reciprocal | noun | N:معارك!,معركة,معركتين,مواجهات,مواجهتين,اقتتال,قتال,مناوشات,مناوشة,اشتباكات مسلحة | mutual fighting; «مواجهات مع» / «بين»
ASSAULT | clash | 190 | reciprocal | verb | V:تقاتل/تقاتل;اصطدم/صطدم | «تقاتلت الفصائل», «اصطدم مستوطنون مع»
ASSAULT | clash | 190 | reciprocal | noun | N:اصطدام,اصطدامات,تقاتل | mutual fighting
ASSAULT | clash | 190 | reciprocal | phrase | P:تبادل لإطلاق النار,تبادل إطلاق النار,تبادل لإطلاق نار,تبادل إطلاق نار,تبادلوا إطلاق النار,تبادل الطرفان إطلاق النار,تبادل القصف,تبادلا إطلاق النار,تبادلت إطلاق النار | exchange of fire between two parties
ASSAULT | clash | 190 | agent | verb | V:هاجم/هاجم | armed attack on a target (object)
ASSAULT | clash | 190 | agent | noun | N:هجوم,هجمات,هجومين,هجومان,مهاجمة | «هجوم على»; the actor after «على» is target; «هجوم لـ/من X» is X's attack; mode refined by modes.tsv
ASSAULT | clash | 190 | agent | phrase | P:شن هجوما,شنت هجوما,شنوا هجوما,شن هجوم,شن هجمات,شنت هجمات,شنوا هجمات,يشن هجمات,تشن هجمات,شن هجوماً,نفذ هجوما,نفذت هجوما,نفذوا هجوما,نفذ هجمات,نفذت هجمات | launch an attack; subject is source
ASSAULT | clash | 190 | agent | verb | D:تصد/تصد/ى && N:تصدي | «تصدت المقاومة لهجوم»: repelling an attack; the «ل» object's actor is target; «التصدي للإرهاب» (countering) is no event | req=هجوم,هجمات,هجوما,محاولة,تقدم,قوات,عناصر,مسلحين,مسلحي,ميليشيات,مليشيات,ميليشيا,مليشيا,الحوثيين,زحف
ASSAULT | clash | 190 | agent | noun | N:صد | «صد هجوم»
ASSAULT | clash | 190 | agent | verb | X:صد,صدت,صدوا,يصد,تصد,يصدون | «صدت الفصائل هجوما»
ASSAULT | clash | 190 | agent | verb | V:اقتحم/قتحم && N:اقتحام,اقتحامات | military storming of a position; also COERCE/raid (same forms) – choose ASSAULT when the target is an armed force or base | req=قاعدة,معسكر,مواقع,موقع,نقاط,نقطة,ثكنة,مطار,جبهة,حاجز
ASSAULT | clash | 192 | agent | verb | X:اجتاح,اجتاحت,اجتاحوا,يجتاح,تجتاح && N:اجتياح | military invasion / overrunning
ASSAULT | clash | 190 | agent | noun | N:هجوم بري,عملية عسكرية,عمليات عسكرية,عملية برية,حملة عسكرية,هجوم واسع,هجوما واسعا | ground offensive
ASSAULT | clash | 190 | agent | verb | X:كمن,كمنت,كمنوا && N:كمين,كمائن! | ambush; «نصب كمينا لـ» → target after «ل»
ASSAULT | clash | 190 | agent | phrase | P:نصب كمينا,نصبت كمينا,نصبوا كمينا,نصب كمين | ambush
ASSAULT |  | 190 | agent | verb | V:استهدف/ستهدف | generic attack verb; mode from modes.tsv (بالمدفعية, بطائرة مسيرة, بعبوة ناسفة …)
ASSAULT |  | 190 | agent | noun | N:استهداف,استهدافات | generic attack noun; «استهداف X» → X is target; «استهدافه من قبل Y» → Y agent
ASSAULT |  | 190 | agent | verb | X:شن,شنت,شنوا,شنا,شنتا,يشن,تشن,يشنون,يشنان,تشنان | light verb «شن غارات/هجوما/قصفا»: type and mode come from its object (غارات → airstrike, قصف → shelling, هجوم → clash, حملة اعتقالات → COERCE/arrest); without an attack object it is no event | req=غارة,غارات,هجوم,هجمات,قصف,ضربات,ضربة,هجوما,حملة,عملية,عمليات,غارتين,قصفا
ASSAULT |  | 180 | agent | noun | N:اعتداء,اعتداءات | assault on persons/places; mode other unless refined
ASSAULT |  | 180 | agent | verb | D:اعتد/عتد/ي | «اعتدت القوات على الحراس»: target after «على»
ASSAULT |  | 190 | agent | verb | V:ضرب/ضرب | strike/hit; «ضرب مواقع» (military), «بالضرب» → beating via modes.tsv | req=مواقع,موقع,أهداف,معاقل,مقرات,قاعدة,معسكر,ضرب,بالضرب,مبرحا,بالهراوات
ASSAULT | airstrike | 195 | agent | noun | N:ضربات,ضربة,ضربتين,ضربات جوية,ضربة جوية | strikes (mostly aerial in news); «ضربات ضد/على X» → X target
ASSAULT |  | 190 | agent | noun | N:مجزرة,مجازر! | massacre; «مجزرة بحق X» → X target; «ارتكبت Y مجزرة» → Y source
ASSAULT |  | 190 | agent | phrase | P:ارتكب مجزرة,ارتكبت مجزرة,ارتكبوا مجزرة,ارتكاب مجزرة,ارتكب مجازر,ارتكبت مجازر,ارتكاب مجازر | commit a massacre; subject is source
ASSAULT |  | 190 | undergo | verb | V:تعرض/تعرض | «تعرضت النقاط لهجمات/لقصف/لإطلاق نار»: subject is target, the ل-phrase gives type/mode, «من X» gives the source | req=هجوم,هجمات,قصف,إطلاق,إطلاق نار,رصاص,غارة,غارات,ضربة,كمين,اعتداء,استهداف,انفجار,تفجير,اعتداءات,ضرب,خطف,اختطاف,اغتيال,محاولة
ASSAULT |  | 190 | undergo | noun | N:تعرض | «بعد تعرض النقاط لهجمات» | req=هجوم,هجمات,قصف,إطلاق,رصاص,غارة,غارات,ضربة,كمين,اعتداء,استهداف,انفجار,تفجير,اعتداءات,ضرب,خطف,اختطاف,اغتيال,محاولة
ASSAULT |  | 190 | undergo | verb | X:طالت,طال,تطال,طالتها,يطال | «غارات طالت قاعدة X»: the thing reached is target; the subject (an attack noun) gives type/mode | req=غارة,غارات,قصف,قذائف,قذيفة,هجوم,هجمات,ضربات,استهداف,صواريخ,رصاص,اعتقالات,حملة
ASSAULT |  | 190 | victim | noun | N:مقتل,مصرع | «مقتل X» → X is target (killed); source from «على يد»/«برصاص»/«جراء قصف Y»
ASSAULT |  | 190 | victim | verb | X:قتل,قتلت,قتلوا,قتلا,قتلتا,يقتل,تقتل,يقتلون,قتلن | killed: «قُتل X» (passive) / «X قتلوا» → X target; active «قتل التنظيم X» also occurs: a following armed actor followed by a victim is the source
ASSAULT |  | 190 | victim | phrase | P:لقي حتفه,لقي مصرعه,لقوا حتفهم,لقوا مصرعهم,لقيت حتفها,لقيت مصرعها,لقي مصرع,لقي حتف,سقوط قتلى,سقط قتلى,سقوط ضحايا,أودى بحياة,أودت بحياة,أسفر عن مقتل,أسفرت عن مقتل,أدى إلى مقتل,أدت إلى مقتل | death of the actor before (لقي) or after (أودى بحياة, أسفر عن مقتل) the phrase
ASSAULT |  | 190 | victim | noun | N:إصابة,إصابات,جرح | «إصابة X» → X target (injured)
ASSAULT |  | 190 | victim | verb | X:أصيب,أصيبت,أصيبوا,أصيبا,أصيبتا,يصاب,تصاب,يصابون,جرح,جرحت,جرحوا,جرحا,أصيب بجروح,جرح آخرون | injured (passive): grammatical subject is target
ASSAULT | shooting | 193 | agent | phrase | P:أطلق النار,أطلقت النار,أطلقوا النار,يطلق النار,تطلق النار,يطلقون النار,إطلاق النار,إطلاق نار,إطلاق الرصاص,إطلاق رصاص,أطلق الرصاص,أطلقت الرصاص,أطلقوا الرصاص,إطلاق النيران,أطلقوا النيران,فتح النار,فتحت النار,فتحوا النار,فتح نيران,إطلاق الرصاص الحي,أطلق عليه النار,أطلقوا عليه النار | shooting; target after «على»
ASSAULT | shooting | 193 | agent | verb | V:قنص/قنص && X:أردى,أردت,أردوا,أرداه,أردته,يردي | sniping; «أرداه قتيلا» shot dead
ASSAULT | shooting | 193 | agent | noun | N:قنص,عملية قنص,رمي بالرصاص | sniping
ASSAULT | shooting | 193 | victim | phrase | P:برصاص,بالرصاص,بطلق ناري,بطلقات نارية,برصاصة,بعيار ناري,برصاص قناص | «مقتل X برصاص Y»: X target, Y source (also in modes.tsv as qualifiers)
ASSAULT | shelling | 194 | agent | verb | V:قصف/قصف | shelling by default; modes.tsv refines (جوي, طائرات, طيران → airstrike; مسيرة → drone). «قُصف» passive has the same spelling
ASSAULT | shelling | 194 | agent | noun | N:قصف,قصف مدفعي,قصف صاروخي,قصفا مدفعيا,قصفا صاروخيا,قصف بالهاون,قصف عنيف,قصفا عنيفا | «قصف X على Y»: X source, Y target; «قصف Y» (no actor before على) → Y target
ASSAULT | shelling | 194 | agent | verb | V:دك/دك | «دكت المدفعية مواقع»
ASSAULT | shelling | 194 | agent | phrase | P:أطلق صواريخ,أطلقت صواريخ,أطلقوا صواريخ,إطلاق صواريخ,إطلاق الصواريخ,باطلاق الصواريخ,إطلاق قذائف,أطلقت قذائف,أطلقوا قذائف,إطلاق القذائف,أطلق قذائف,رشقات صاروخية,رشقة صاروخية,سقوط قذائف,سقطت قذائف,سقوط قذيفة,سقطت قذيفة,سقوط صواريخ,سقط صاروخ,سقوط صاروخ,سقطت صواريخ | rockets/shells fired or landing; a landing shell has no stated source
ASSAULT | shelling | 194 | agent | phrase | P:قصف مدفعي,قصف صاروخي,استهداف مدفعي,استهداف صاروخي,قصفا بالمدفعية,القصف بالمدفعية | qualified shelling
ASSAULT | airstrike | 195 | agent | noun | N:غارة,غارات,غارتين,غارتان,غارة جوية,غارات جوية,غارات الطيران,قصف جوي,قصفا جويا,ضربات جوية,ضربة جوية,طلعات قتالية,غارات وهمية! | air raid; «غارة على X» → X target; «غارة لـ/شنها Y» → Y source
ASSAULT | airstrike | 195 | agent | verb | X:أغار,أغارت,أغاروا && P:شن غارات,شنت غارات,شنوا غارات,شن غارة,شنت غارة,يشن غارات,تشن غارات,نفذ غارات,نفذت غارات,نفذت غارة,نفذ غارة,شن الطيران,شنت طائرات,قصف جوي,ألقى براميل,ألقت براميل,ألقى البراميل,ألقت البراميل,ألقت الطائرات,ألقى الطيران | air raids; subject is source
ASSAULT | airstrike | 195 | agent | noun | N:براميل متفجرة,برميل متفجر,البراميل المتفجرة!,براميل,صواريخ جو أرض | barrel bombs (Syrian aviation)
ASSAULT | drone | 195 | agent | phrase | P:غارة بطائرة مسيرة,غارة بطائرة مسيّرة,غارات بطائرات مسيرة,ضربة بطائرة مسيرة,ضربة بطائرة دون طيار,هجوم بطائرة مسيرة,هجوم بطائرات مسيرة,هجوم بطائرة مفخخة,قصف بطائرة مسيرة,ضربة جوية بطائرة مسيرة,غارة بطائرة دون طيار,غارة لطائرة مسيرة,غارة لطائرة بدون طيار,هجوم بالمسيرات,هجمات بطائرات مسيرة | drone strike (nominal)
ASSAULT | drone | 195 | agent | phrase | P:استهدفت طائرة مسيرة,استهدفت مسيرة,قصفت طائرة مسيرة,قصفت مسيرة,استهدفت طائرة مسيّرة,استهدفت طائرة دون طيار,استهدفت طائرة بدون طيار,قصفت طائرة دون طيار,قصفت طائرة بدون طيار,أغارت طائرة مسيرة,ضربت طائرة مسيرة | drone strike (verbal); the drone's owner (if stated) is source
ASSAULT | ied | 183 | agent | noun | N:انفجار,انفجارات,انفجارين,تفجير,تفجيرات,تفجيرين | explosion/bombing; mode refined (سيارة مفخخة, عبوة ناسفة, انتحاري); the device after it is not an actor
ASSAULT | ied | 183 | agent | verb | V:انفجر/نفجر;فجر/فجر && -:فجر,فجرن | «انفجرت عبوة ناسفة», «فجر مسلحون عبوة»
ASSAULT | ied | 1833 | agent | phrase | P:زرع عبوة,زرعت عبوة,زرعوا عبوة,زرع ألغام,زرع الألغام,زرعها,انفجار عبوة ناسفة,انفجار لغم,انفجار ألغام,انفجار عبوة,تفجير عبوة ناسفة,تفجير عبوة,عبوة ناسفة,عبوات ناسفة,لغم أرضي,ألغام أرضية | roadside bombs and mines (nominal)
ASSAULT | ied | 1832 | agent | phrase | P:سيارة مفخخة,سيارة ملغومة,سيارات مفخخة,انفجار سيارة مفخخة,تفجير سيارة مفخخة,عربة مفخخة,دراجة نارية مفخخة,انفجار سيارة,تفجير سيارة | car bomb (nominal)
ASSAULT | suicide | 1831 | agent | phrase | P:فجر نفسه,فجرت نفسها,فجروا أنفسهم,فجر انتحاري نفسه,يفجر نفسه,هجوم انتحاري,هجوما انتحاريا,هجمات انتحارية,تفجير انتحاري,تفجيرا انتحاريا,تفجيرات انتحارية,عملية انتحارية,عمليات انتحارية,انتحاري,انتحاريون,انتحاريين,انتحارية,حزام ناسف,أحزمة ناسفة,عملية استشهادية | suicide bombing; the bomber's organisation is source
ASSAULT | abduction | 181 | agent | verb | V:اختطف/ختطف;خطف/خطف && -:خطف | abduct; bare «خطف» is listed with the victim-frame noun row (same spelling); «اختُطف» passive has the same spelling as the active: a following armed actor is source, a following person is target
ASSAULT | abduction | 181 | victim | noun | N:اختطاف,خطف,عمليات خطف,عملية خطف,إخفاء قسري,الإخفاء القسري!,تغييب قسري,احتجاز رهائن | «اختطاف X» → X target; agent via «على يد»/«من قبل»
ASSAULT | abduction | 181 | agent | verb | X:خطف | bare «خطف» read as the verb only where it opens a sentence of the body («خطف تنظيم داعش نحو 230 مدنياً»); elsewhere the noun row above is read first (file order)
ASSAULT | abduction | 181 | agent | verb | X:غيب,غيبت,غيبوا,احتجز رهائن,احتجزت رهائن,اختطفت,اختطفوا | forced disappearance / hostage taking
ASSAULT | assassination | 186 | agent | verb | X:اغتال,اغتالت,اغتالوا,اغتالا,يغتال,تغتال,يغتالون | assassinate; object is target
ASSAULT | assassination | 186 | victim | noun | N:اغتيال,اغتيالات,تصفية,عملية اغتيال,عمليات اغتيال,محاولة اغتيال | «اغتيال X» → X target; «محاولة» makes it attempted (status.tsv)
ASSAULT | assassination | 186 | agent | verb | X:صفوا,يصفي | «صفت» omitted (= «بصفته» after pronoun stripping); «صفت خلية قياديا» (liquidate)
ASSAULT | beating | 182 | agent | noun | N:تعذيب,ضرب مبرح,الضرب المبرح!,اعتداء بالضرب,اعتداء جسدي,تنكيل | beating / torture / physical abuse
ASSAULT | beating | 182 | agent | verb | V:عذب/عذب;نكل/نكل && P:اعتدى بالضرب,اعتدت بالضرب,اعتدوا بالضرب,ضربه ضربا مبرحا,ضربوه,انهالوا عليه بالضرب | beating verbs
ASSAULT | sexual | 1821 | agent | noun | N:اغتصاب,عمليات اغتصاب,اعتداء جنسي,اعتداءات جنسية,عنف جنسي,تحرش,تحرش جنسي,استعباد جنسي,سبي | sexual violence
ASSAULT | sexual | 1821 | agent | verb | V:اغتصب/غتصب;تحرش/تحرش && X:سبى,سبوا | sexual violence (verbs)
ASSAULT | other | 1823 | agent | verb | V:ذبح/ذبح;أعدم/عدم && X:نحر,نحرت,نحروا | killing by slaughter / execution; «أُعدم» passive has the same spelling
ASSAULT | other | 1823 | victim | noun | N:ذبح,إعدام,إعدامات,عمليات إعدام,إعدام ميداني,نحر | «إعدام X» → X target
ASSAULT | other | 182 | agent | phrase | P:عملية طعن,هجوم طعن,طعن بسكين,طعنا بالسكين,طعنه بسكين,عملية دهس,هجوم دهس,دهس | stabbing / ramming attacks
# ===== COERCE =====
COERCE | arrest | 173 | agent | verb | V:اعتقل/عتقل;احتجز/حتجز | arrest/detain; «اعتُقل» passive has the same spelling
COERCE | arrest | 173 | victim | noun | N:اعتقال,اعتقالات,احتجاز,توقيف,حملة اعتقالات,حملات اعتقال,حملة اعتقال,حملة دهم واعتقال,اعتقالات تعسفية | «اعتقال أحد قياديي X» → X target; «اعتقال Y لـ X» → Y agent
COERCE | arrest | 173 | agent | verb | P:ألقى القبض على,ألقت القبض على,ألقوا القبض على,يلقي القبض,تلقي القبض,ألقى القبض,ألقت القبض,ألقوا القبض,قبض على,قبضت على,قبضوا على,شن حملة اعتقالات,شنت حملة اعتقالات,شن حملة اعتقال,شنت حملة اعتقال,شنت حملة دهم واعتقال,قام بحملة اعتقالات,قامت بحملة اعتقالات | arrest phrases; subject is source
COERCE | arrest | 173 | victim | phrase | P:إلقاء القبض على,إلقاء القبض,القبض على,تم اعتقال,تم القبض,تم توقيف,تم احتجاز | «القبض على X» → X target
COERCE | arrest | 173 | agent | verb | X:أسروا,أسر عدد,تم أسر && V:اقتاد/قتاد | capture (in battle) / detain; «أسر», «أسرت» omitted (= أسرة «family» after folding and pronoun stripping); «أوقف» omitted (stop/suspend)
COERCE | arrest | 173 | victim | noun | N:أسر عناصر,أسر جنود,أسر مقاتلين,أسرى | captured persons; «أسرى» usually background (CONCEDE/release context)
COERCE | raid | 175 | agent | verb | V:داهم/داهم;دهم/دهم | raid / search a place; object is the place (its owner target)
COERCE | raid | 175 | agent | noun | N:مداهمة,مداهمات,دهم,حملة مداهمات,حملة دهم,حملات دهم,تفتيش,حملة تفتيش,عمليات تفتيش | raid nouns; «مداهمة منزل X» → X target
COERCE | raid | 175 | agent | verb | V:اقتحم/قتحم;فتش/فتش && X:اقتحمت,اقتحموا | storming / searching (also ASSAULT/clash when the target is a military position: see req on the ASSAULT row)
COERCE | raid | 175 | agent | noun | N:اقتحام,اقتحامات,اقتحامها | «اقتحام ميليشيا الحوثي منزل X»: the genitive right after the noun is the agent when it is an armed actor, else the target
COERCE | raid | 175 | agent | phrase | P:حملة أمنية,حملة أمنية واسعة,عملية أمنية,عملية أمنية واسعة,طوق أمني,تطويق,طوقت,طوقوا | security sweep / cordon
COERCE | seize | 192 | agent | verb | V:سيطر/سيطر && D:استول/ستول/ي | take control of territory («سيطر على»)
COERCE | seize | 192 | agent | noun | N:سيطرة,استيلاء,السيطرة الكاملة!,السيطرة على!,بسط السيطرة! | «سيطرة X على Y»: X source; Y place
COERCE | seize | 192 | agent | verb | P:بسط سيطرته,بسطت سيطرتها,بسطوا سيطرتهم,أحكم سيطرته,أحكمت سيطرتها,أحكموا سيطرتهم,فرض سيطرته,فرضت سيطرتها,استعاد السيطرة,استعادت السيطرة,دخلت مدينة,دخلوا مدينة,دخل مقاتلو,دخلت قوات | take/consolidate control (verb phrases: the subject may stand before, SVO)
COERCE | seize | 192 | agent | phrase | P:إحكام السيطرة,بسط السيطرة,استعادة السيطرة,الدخول إلى,دخول مدينة,دخول قوات | take/consolidate control (masdar phrases)
COERCE | seize | 192 | agent | verb | V:احتل/حتل;استعاد/ستعيد;انتزع/نتزع;حرر/حرر && X:استعادت,استعادوا,استعيد | capture/recapture/liberate territory; «حرر» also «freed»: prefer CONCEDE/release when the object is persons | req=مدينة,بلدة,قرية,منطقة,مواقع,موقع,حي,جبل,تلة,مديرية,محافظة,قاعدة,معسكر,مطار,سد,طريق,مناطق,قرى,أحياء,مركز,مبنى,مقر,مثلث,جبهة,نقطة,مدن,ريف
COERCE | seize | 192 | agent | noun | N:استعادة,تحرير,انتزاع | recapture/liberation; «تحرير X (actor) Y (place)» – actor right after is source | req=مدينة,بلدة,قرية,منطقة,مواقع,موقع,حي,جبل,تلة,مديرية,محافظة,قاعدة,معسكر,مطار,سد,طريق,مناطق,قرى,أحياء,مركز,مبنى,مقر,مثلث,جبهة,نقطة,مدن,ريف
COERCE | seize | 1711 | agent | verb | X:صادرت,صادروا,يصادر,تصادر,سلبت,سلبوا && V:نهب/نهب | confiscate / loot property
COERCE | seize | 1711 | agent | noun | N:مصادرة,نهب,عمليات نهب,عمليات سلب ونهب,الاستيلاء على! | confiscation / looting
COERCE | expel | 174 | agent | verb | V:طرد/طرد;هجر/هجر;رحل/رحل;أبعد/بعد | expel / forcibly displace / deport; «طرد» also ends a battle (COERCE/seize in gold) | req=سكان,أهالي,عائلات,مدنيين,لاجئين,مقاتلي,مسلحي,عناصر,الأهالي,الحوثيين,السكان
COERCE | expel | 174 | agent | noun | N:طرد,تهجير,تهجير قسري,ترحيل,ترحيل قسري,تهجير السكان,إخلاء قسري | expulsion nouns
COERCE | restrict | 191 | agent | noun | N:حصار,حصارا مطبقا,حصار خانق,حصارا خانقا,محاصرة,تطويق,طوق,حظر التجول,حظر تجول,حظر للتجوال,حظر التجوال,منع التجول,إغلاق,قيود,تضييق | blockade / siege / curfew / closure: «حصار على X» → X target; «إغلاق» also markets (see req)
COERCE | restrict | 191 | agent | verb | V:حاصر/حاصر;طوق/طوق && P:فرض حصارا,فرضت حصارا,فرضوا حصارا,تفرض حصارا,يفرض حصارا,فرض حظر التجول,فرضت حظر التجول,فرض حظر تجول,فرضت حظر تجول,فرض قيودا,فرضت قيودا,أغلق الطريق,أغلقت الطريق,أغلقوا الطريق,أغلق المعبر,أغلقت المعبر,إغلاق المعبر,إغلاق معبر,أغلقت معبر,إغلاق الطريق,إغلاق طريق,قطع الطريق,قطع طريق,قطعت الطريق,قطعوا الطريق,قطع الطرق,قطع الاتصالات,قطع الإنترنت,قطع الهواتف,قطع المياه,قطع الكهرباء,منع دخول,منعت دخول,منعوا دخول,منع خروج,منعت خروج | siege, closure and cut-off (verbal)
COERCE | restrict | 191 | agent | verb | V:أغلق/غلق | close (a road, crossing, border); also stock markets → req | req=طريق,الطريق,معبر,المعبر,حدود,الحدود,مدخل,مداخل,منفذ,منافذ,مطار,ميناء,مسجد,الأقصى,جسر,مدارس,محلات
COERCE | destroy | 1712 | agent | verb | V:دمر/دمر;هدم/هدم;أحرق/حرق;حرق/حرق;نسف/نسف;جرف/جرف && -:تدمر,تدمران | destroy / demolish / burn / blow up / bulldoze property; present 3fs «تدمر» omitted (= Palmyra)
COERCE | destroy | 1712 | agent | noun | N:تدمير,هدم,إحراق,حرق,نسف,تجريف,عمليات هدم,هدم منازل,هدم منزل,إضرام النار,إضرام النيران | destruction nouns; «تدمير X» X is the object
COERCE | destroy | 1712 | agent | phrase | P:أضرم النار,أضرمت النار,أضرموا النار,أضرموا النيران,أضرم النيران,أضرمت النيران | arson
COERCE | other | 170 | agent | verb | V:أجبر/جبر;أرغم/رغم && N:إجبار,إرغام | coercion
# ===== MOBILIZE =====
MOBILIZE | troops | 154 | self | noun | N:تعزيزات,تعزيزات عسكرية,رتل,أرتال!,رتلا عسكريا,رتل عسكري,أرتال عسكرية,حشود,حشودا,حشود عسكرية,حشد عسكري,تحشيد,تحشيدات,تحركات عسكرية,انتشار,انتشارا,إعادة انتشار,توغل,توغلا | deployments and reinforcements; the actor is the source (a «ل»/«من» genitive after the noun, or the subject of a carrier verb); the destination is not a target
MOBILIZE | troops | 154 | self | phrase | P:أرسل تعزيزات,أرسلت تعزيزات,أرسلوا تعزيزات,يرسل تعزيزات,ترسل تعزيزات,إرسال تعزيزات,استقدم تعزيزات,استقدمت تعزيزات,استقدموا تعزيزات,استقدام تعزيزات,دفع بتعزيزات,دفعت بتعزيزات,دفعوا بتعزيزات,الدفع بتعزيزات,وصول تعزيزات,وصلت تعزيزات,وصل تعزيزات,وصول رتل,وصل رتل,دخول رتل,دخل رتل,أرسل قوات,أرسلت قوات,إرسال قوات,نشر قوات,نشرت قوات,نشروا قوات,نشر جنود,نشر آلاف,نشر قواتها,سيرت رتلا,حشد قوات,حشدت قوات,حشد قواته,نشر تعزيزات,أرسلت رتلا,أرسل رتلا,تعزيزات إضافية,رفد الجبهات | sending reinforcements; subject is the source (self: the object is not a target)
MOBILIZE | troops | 154 | self | verb | V:استقدم/ستقدم;حشد/حشد;انتشر/نتشر;توغل/توغل | deploy / mass / spread into an area; «انتشر» also «spread» (rumours, disease) → req | req=قوات,عناصر,جنود,مقاتلين,مقاتلي,عسكرية,عسكري,الجيش,ميليشيا,مليشيا,ميليشيات,مليشيات,الفيلق,الفرقة,اللواء,الشرطة,دوريات,آليات,تعزيزات,رتل,أرتال,كتائب,فصائل,الحرس,وحدات
MOBILIZE | troops | 154 | self | verb | V:نشر/نشر;أرسل/رسل;وصل/صل;دخل/دخل;تقدم/تقدم | deploy / send / arrive / enter / advance: only with a military subject or object in the clause («نشرت قوات», «وصلت ثلاث كتائب», «تقدمت القوات»); otherwise «published / sent / arrived» | req=قوات,عناصر,جنود,الجنود,مقاتلين,مقاتلي,مقاتلو,عسكرية,الجيش,ميليشيا,مليشيا,ميليشيات,مليشيات,الفيلق,الفرقة,اللواء,دوريات,آليات,تعزيزات,رتل,رتلا,أرتال,كتائب,كتيبة,فصائل,وحدات
MOBILIZE | troops | 154 | self | noun | N:تقدم,وصول,دخول,إرسال,نشر | advance / arrival / entry / sending of forces («دخول رتل عسكري»), same guard as above | req=قوات,عناصر,جنود,مقاتلين,مقاتلي,عسكرية,عسكري,الجيش,ميليشيا,مليشيا,ميليشيات,مليشيات,الفيلق,الفرقة,اللواء,دوريات,آليات,تعزيزات,رتل,رتلا,أرتال,كتائب,كتيبة,فصائل,وحدات
MOBILIZE | alert | 152 | self | noun | N:استنفار,استنفارا,حالة استنفار,استنفار أمني,استنفار عسكري,تأهب,حالة تأهب,حالة التأهب,رفع الجاهزية,رفع حالة التأهب,جاهزية قتالية,استنفار كامل,حالة الطوارئ,الاستنفار القصوى! | raised readiness («وسط استنفار للمليشيات»: the «ل» genitive is the source)
MOBILIZE | alert | 152 | self | verb | V:استنفر/ستنفر;تأهب/تأهب && P:رفع الجاهزية,رفعت الجاهزية,رفع حالة التأهب,رفعت حالة التأهب,رفعت درجة التأهب,أعلن الاستنفار,أعلنت الاستنفار,أعلنت حالة الاستنفار,أعلن حالة الاستنفار,أعلنت حالة التأهب,أعلن حالة التأهب,رفع جاهزيته,رفعت جاهزيتها | raise readiness
MOBILIZE | patrol | 150 | self | noun | N:دورية,دوريات,دوريتين,دورية عسكرية,دوريات عسكرية,دوريات مشتركة,دوريات مكثفة,دورية مشتركة | patrols; «دورية للقوات الروسية» → source
MOBILIZE | patrol | 150 | self | verb | X:سيرت,سيروا,تسيير | «سيّر» only with a patrol/convoy object | req=دورية,دوريات,رتل,رتلا,أرتال,قافلة
MOBILIZE | patrol | 150 | self | phrase | P:سيرت دورية,سيرت دوريات,سير دوريات,تسيير دوريات,تسيير دورية,قام بدوريات,قامت بدوريات,قاموا بدوريات,جالت دورية,جابت دوريات,قامت بدورية | run patrols; «سيّر» only with دورية/دوريات
MOBILIZE | base | 154 | self | verb | V:تمركز/تمركز;تموضع/تموضع;تحصن/تحصن | take position / set up at a place («تمركز الفيلق الخامس في مدخل البلدة»)
MOBILIZE | base | 154 | self | noun | N:تمركز,تموضع,إنشاء قاعدة,إقامة قاعدة,قاعدة عسكرية جديدة,نقطة عسكرية جديدة,إنشاء نقطة,إنشاء نقاط,إنشاء حاجز,إقامة حاجز,إقامة حواجز,نقاط مراقبة,نقطة مراقبة,تثبيت نقطة,تثبيت نقاط | establishing a base, point or checkpoint
MOBILIZE | base | 154 | self | phrase | P:أنشأ قاعدة,أنشأت قاعدة,أنشأوا قاعدة,أقام قاعدة,أقامت قاعدة,أقامت نقطة,أنشأت نقطة,أنشأت نقاطا,أقامت حاجزا,أقام حاجزا,نصب حاجزا,نصبت حاجزا,نصبوا حاجزا,نصب حواجز,نصبت حواجز,ثبتت نقطة,ثبتت نقاطا,أنشأ مقرا,اتخذ مقرا,اتخذت مقرا,حولت إلى مقر,حولتها إلى مقر,حولوها إلى مقر | establish a base, point or checkpoint (verbal)
MOBILIZE | flights | 150 | self | noun | N:تحليق,تحليقا,تحليق مكثف,تحليقا مكثفا,طيران الاستطلاع,طيران استطلاع,طائرات استطلاع,طائرة استطلاع,طلعات جوية,طلعات استطلاعية,طلعات استطلاع,طلعات,طلعة جوية | reconnaissance / show-of-force flights («تحليقا مكثفا لطيران الاستطلاع الروسي»: the «ل» genitive gives the source)
MOBILIZE | flights | 150 | self | verb | V:حلق/حلق && -:حلق | flights over an area («حلقة» folds close to these forms) | req=طيران,طائرات,طائرة,مروحيات,مروحية,استطلاع,مسيرة,أجواء,سماء,فوق
MOBILIZE | flights | 150 | self | phrase | P:حلقت طائرات,حلق طيران,حلقت طائرة,حلق الطيران,حلقت مروحيات | flights over an area
MOBILIZE | exercise | 150 | self | noun | N:مناورات,مناورة,مناورتين,تدريبات عسكرية,تمارين عسكرية,تمرين عسكري,تمرينات,مناورات عسكرية,مناورات مشتركة,تدريبات مشتركة,تدريبات بالذخيرة الحية,رماية بالذخيرة الحية | military exercises
MOBILIZE | exercise | 150 | self | phrase | P:أجرى مناورات,أجرت مناورات,أجروا مناورات,يجري مناورات,تجري مناورات,إجراء مناورات,نفذ مناورات,نفذت مناورات,أجرت تدريبات,أجرى تدريبات,نفذت تدريبات,أجرت تمارين,ناور,ناورت | hold exercises
MOBILIZE | other | 150 | self | noun | N:تجنيد,حملة تجنيد,تجنيد إجباري,تطويع,استعراض عسكري,عرض عسكري | recruitment / military parade
MOBILIZE | other | 150 | self | verb | X:جندت,جندوا,يجند,تجند | recruit
# ===== THREATEN =====
THREATEN |  | 130 | agent | verb | V:هدد/هدد;توعد/توعد;أنذر/نذر && X:لوحت,لوحوا,يلوح,تلوح | threaten; «هدد X بـ…»: X target; modes.tsv sets military for «بعملية عسكرية», «بالرد» …
THREATEN |  | 130 | agent | noun | N:تهديد,تهديدات,تهديدا,وعيد,إنذار,إنذارات,إنذارا,تلويح | threat nouns
THREATEN | other | 130 | agent | verb | V:حذر/حذر && N:تحذير,تحذيرات,تحذيرا | warn («حذر X من…»): threat when addressed to an actor
THREATEN | military | 138 | agent | phrase | P:هدد بعملية عسكرية,هددت بعملية عسكرية,هدد بشن هجوم,هددت بشن هجوم,هدد باقتحام,هددت باقتحام,هدد باجتياح,هددت باجتياح,توعد بالرد,توعدت بالرد,هدد بالرد,هددت بالرد,لوح باستخدام القوة,لوحت باستخدام القوة,التهديد بعمل عسكري,تهديد بعملية عسكرية,هدد بقصف,هددت بقصف,بحشد قواته,هدد بضرب,هددت بضرب,هدد باستهداف,هددت باستهداف,تهدد باقتحام,يهدد باقتحام | threat of force
THREATEN | other | 130 | agent | phrase | P:هدد بقطع,هددت بقطع,هدد بوقف,هددت بوقف,هدد بفرض عقوبات,هددت بفرض عقوبات,هدد بالانسحاب,هددت بالانسحاب,يهدد بقطع,تهدد بقطع,مهلة,أمهل,أمهلت,أمهلوا | non-military threats / ultimatums
# ===== PROTEST =====
PROTEST | demonstration | 141 | self | verb | V:تظاهر/تظاهر;احتج/حتج | demonstrate / protest; «احتج على X» – X is the object of dissent (target)
PROTEST | demonstration | 141 | self | noun | N:مظاهرة,مظاهرات,تظاهرة,تظاهرات,احتجاج,احتجاجات,احتجاجا,وقفة احتجاجية,وقفات احتجاجية,مسيرة احتجاجية,مسيرات احتجاجية,مسيرة,مسيرات,تجمع احتجاجي,مظاهرة جماعية,حراك شعبي,متظاهرون,متظاهرين,محتجون,محتجين,خرج متظاهرون,خرج المئات,خرج الآلاف,هتافات,صيحات | demonstrations; «مسيرة» alone also means «drone» (طائرة مسيرة): the longer drone phrases in triggers/modes win
PROTEST | riot | 145 | self | noun | N:شغب,أعمال شغب,أعمال عنف,مظاهرات عنيفة,احتجاجات عنيفة,اضطرابات,مشاغبين,مشاغبون,رشق بالحجارة,رشقوا بالحجارة,رشق الحجارة,حرق الإطارات,إحراق الإطارات,إطارات مشتعلة | riots / violent demonstrations
PROTEST | riot | 145 | self | verb | V:رشق/رشق && P:أحرق متظاهرون,أحرقوا الإطارات,حطموا,اشتبك متظاهرون,اشتبك محتجون | riot verbs
PROTEST | strike | 143 | self | noun | N:إضراب,إضرابات,إضراب عام,إضرابا عاما,إضراب شامل,إضراب عن العمل,مضربين,مضربون,عصيان مدني,مقاطعة الانتخابات | strikes and boycotts («إضراب عن الطعام» is hunger_strike)
PROTEST | strike | 143 | self | verb | X:أضرب,أضربت,أضربوا,أضربن,يضربون عن العمل,تضرب عن العمل,قاطع الانتخابات,قاطعت الانتخابات,قاطعوا الانتخابات | go on strike; present «يضرب» omitted (= hits)
PROTEST | hunger_strike | 142 | self | phrase | P:إضراب عن الطعام,إضرابا عن الطعام,الإضراب عن الطعام,أضرب عن الطعام,أضربت عن الطعام,أضربوا عن الطعام,يضرب عن الطعام,تضرب عن الطعام,يضربون عن الطعام,مضرب عن الطعام,مضربين عن الطعام,مضربون عن الطعام,معركة الأمعاء الخاوية,الأمعاء الخاوية | hunger strike (also verbal)
PROTEST | sit_in | 141 | self | verb | V:اعتصم/عتصم | stage a sit-in
PROTEST | sit_in | 141 | self | noun | N:اعتصام,اعتصامات,اعتصاما,خيمة اعتصام,خيام الاعتصام,معتصمين,معتصمون,اعتصام مفتوح | sit-ins
PROTEST | other | 140 | self | noun | N:عصيان,حراك احتجاجي,حراك شعبي احتجاجي | other dissent
# ===== SANCTION =====
SANCTION |  | 163 | agent | noun | N:عقوبات,عقوبات اقتصادية,حزمة عقوبات,عقوبات جديدة,حظر الأسلحة,حظر تصدير,حظر استيراد,حظر سفر,تجميد أصول,تجميد أرصدة,تجميد الأصول,تجميد الأموال,قائمة الإرهاب,لائحة الإرهاب,القائمة السوداء!,حظرا على | sanctions; «عقوبات على X» → X target; «عقوبة» (single, penal) is not listed
SANCTION |  | 163 | agent | phrase | P:فرض عقوبات,فرضت عقوبات,فرضوا عقوبات,يفرض عقوبات,تفرض عقوبات,فرض العقوبات,فرض عقوبات جديدة,فرضت عقوبات جديدة,جمد أصول,جمدت أصول,جمدت أرصدة,أدرج على قائمة,أدرجت على قائمة,إدراج على قائمة,أدرجت على لائحة,إدراج على لائحة,وسع العقوبات,وسعت العقوبات,شدد العقوبات | impose sanctions / freeze assets / blacklist
SANCTION |  | 161 | agent | phrase | P:قطع العلاقات,قطعت العلاقات,قطع علاقاتها,قطعت علاقاتها,قطع العلاقات الدبلوماسية,قطع علاقات,سحب السفير,سحبت سفيرها,سحب سفيره,سحبت السفير,طرد السفير,طردت السفير,طرد سفير,طردت سفير,طرد دبلوماسيين,طردت دبلوماسيين,إغلاق السفارة,أغلقت سفارتها,خفض التمثيل,خفضت التمثيل,تعليق عضوية,علقت عضوية,تجميد عضوية,جمدت عضوية,وقف المساعدات,أوقفت المساعدات,قطع المساعدات,علق المساعدات,علقت المساعدات | reduce or break relations / cut aid
SANCTION |  | 163 | agent | verb | V:عاقب/عاقب && X:حظر,حظرت,حظروا,يحظر,تحظر && N:مقاطعة اقتصادية,حصار اقتصادي,معاقبة | punish / ban; «حظر التجول» is COERCE/restrict (longer phrase wins)
# ===== ACCUSE =====
ACCUSE |  | 112 | agent | verb | V:اتهم/تهم | accuse; «اتهم X بـ…» → X target; the accused act is a claimed event (status.tsv)
ACCUSE |  | 112 | agent | noun | N:اتهام,اتهامات,اتهاما,تهمة,توجيه اتهامات,توجيه الاتهام | accusation nouns
ACCUSE |  | 111 | agent | verb | V:أدان/دين;ندد/ندد;استنكر/ستنكر;انتقد/نتقد;شجب/شجب;دان/دين && X:أدانت,أدانوا,دانت,دانوا | condemn / denounce / criticise; «ندد بـX», «أدان X» → X target
ACCUSE |  | 111 | agent | noun | N:إدانة,تنديد,استنكار,انتقاد,انتقادات,شجب,حملة انتقادات | condemnation nouns
ACCUSE |  | 112 | agent | phrase | P:حمل مسؤولية,حملت مسؤولية,حملوا مسؤولية,يحمل مسؤولية,تحمل مسؤولية,حمل المسؤولية,حملت المسؤولية,تحميل مسؤولية,تحميل المسؤولية,نحمل,نحمل المسؤولية,ألقى باللوم,ألقت باللوم,ألقوا باللوم,يلقي باللوم,تلقي باللوم,ألقى اللوم,ألقت اللوم,حمل سلطات,حملت سلطات | blame / hold responsible: «حمّل X مسؤولية …» → X target
ACCUSE |  | 111 | agent | phrase | P:استدعى السفير,استدعت السفير,استدعاء السفير,استدعت القائم بالأعمال,استدعاء القائم بالأعمال,احتجاج رسمي,مذكرة احتجاج,قدم شكوى,قدمت شكوى,تقدمت بشكوى,تقدم بشكوى,رفع دعوى,رفعت دعوى,شكوى,شكوى رسمية | diplomatic protest / complaint / lawsuit («استدعت الخارجية السفير X» → X's country target)
ACCUSE |  | 111 | agent | verb | V:استهجن/ستهجن && P:هاجم بشدة,هاجمت بشدة,هاجموا بشدة && N:استهجان | reprobation; «هاجم بشدة» verbal attack (longer than ASSAULT «هاجم»)
# ===== REJECT =====
REJECT |  | 120 | agent | verb | V:رفض/رفض;عارض/عارض | reject / oppose («رفض X» → X target when an actor or an actor's proposal); noun «معارضة» omitted (= the opposition)
REJECT |  | 120 | agent | noun | N:رفض,رفضا,مرفوض,مرفوضة,رفضه,رفضها | «أمر مرفوض تماماً»: a statement rejecting the subject
REJECT |  | 129 | agent | phrase | P:حق النقض,الفيتو!,فيتو,استخدم الفيتو,استخدمت الفيتو,استخدام حق النقض,نقض,لن نسمح,لن يسمح,لن تسمح,لا نقبل,لن نقبل,لن يقبل,لن تقبل,رفضا قاطعا,رفضه القاطع,رفضها القاطع,رفض قاطع | veto / refusal
REJECT |  | 124 | agent | verb | D:تحد/تحد/ى | defy
REJECT |  | 120 | agent | verb | V:تراجع/تراجع | renege («تراجع X عن وعوده/تعهداته/الاتفاق») | req=وعود,وعوده,وعد,تعهد,تعهدات,تعهداته,التزام,التزامات,اتفاق,الاتفاق,تفاهم
REJECT |  | 128 | agent | verb | V:انتهك/نتهك;خرق/خرق && N:انتهاك,انتهاكات,خرق,خروقات! | violate an agreement or norm («خرق الهدنة»); CAMEO 196 when the ceasefire is named
# ===== REQUEST =====
REQUEST |  | 100 | agent | verb | V:طالب/طالب;ناشد/ناشد;طلب/طلب;حث/حث && X:دعا,دعت,دعوا,دعتا,يدعو,تدعو,يدعون,تدعوان | demand / appeal / call on: «طالب X بـ…», «دعا X إلى …» → X target
REQUEST |  | 100 | agent | noun | N:مطالبة,مطالبات,مطالبا,مطالبين,مطالب!,دعوة,دعوات,دعوته,مناشدة,مناشدات,طلب,طلبا,حث,نداء,نداءات,ناشد | demand nouns; «دعوة» is also an invitation (CONSULT when «لزيارة»)
REQUEST |  | 100 | agent | phrase | P:طالب بالإفراج,طالبت بالإفراج,دعا إلى وقف,دعت إلى وقف,طالب بوقف,طالبت بوقف,طالب بانسحاب,طالبت بانسحاب,دعا إلى انسحاب,دعت إلى انسحاب,طالب بمحاكمة,طالبت بمحاكمة,دعا إلى محاسبة,طالب بمحاسبة,طالبت بمحاسبة,طلب من,طلبت من,حث على,حثت على | common demands
# ===== CONSULT =====
CONSULT | meet | 040 | agent | verb | D:التق/لتق/ي && V:اجتمع/جتمع && X:اجتمعت,اجتمعوا,التقت,التقوا | meet; «التقى X بـY», «اجتمع X مع Y» → Y target
CONSULT | meet | 040 | reciprocal | noun | N:اجتماع,اجتماعات,اجتماعا,اجتماعين,لقاء,لقاءات,لقاءين,قمة,اجتماع ثلاثي,اجتماعا ثلاثيا,اجتماع مشترك,لقاء ثنائي | meeting nouns; «اجتماع بين X و Y» → both parties; «اجتماع X مع Y» → X source, Y target
CONSULT | meet | 040 | agent | phrase | P:عقد اجتماعا,عقدت اجتماعا,عقدوا اجتماعا,عقد اجتماع,عقد لقاء,عقدت لقاء,عقد لقاءا,عقدوا لقاء,يعقد اجتماعا,تعقد اجتماعا,عقد اجتماعات,عقدت اجتماعات,يعقد لقاء,عقد قمة,عقدت قمة,عقد جلسة مباحثات,عقد محادثات,أجرى محادثات,أجرت محادثات,أجرى مباحثات,أجرت مباحثات,أجرى مشاورات,أجرت مشاورات | hold a meeting; subject is source, «مع X» target
CONSULT | meet | 046 | reciprocal | noun | N:محادثات,مباحثات,مفاوضات,مشاورات,حوار,مفاوضات مباشرة,جولة مفاوضات,جولة محادثات,جلسة مباحثات,جولة حوار,مباحثات ثنائية | talks / negotiations; «مفاوضات بين X و Y»
CONSULT | meet | 046 | agent | verb | V:تفاوض/تفاوض;بحث/بحث;ناقش/ناقش;تباحث/تباحث;تشاور/تشاور;حاور/حاور | negotiate / discuss: «بحث X مع Y …» → Y target (the discussed content is planned: status.tsv)
CONSULT | visit | 042 | agent | noun | N:زيارة,زيارات,زيارته,زيارتها,جولة,جولة ميدانية,جولة تفقدية,زيارة رسمية,زيارة مفاجئة,زيارة تفقدية,زيارة عمل | visits: «زيارة X إلى Y» → X source, Y (a country/place's authority) target
CONSULT | visit | 042 | agent | verb | X:زار,زارت,زاروا,زارا,يزور,تزور,يزورون && V:تفقد/تفقد && P:قام بزيارة,قامت بزيارة,قام بجولة,قامت بجولة,قاموا بجولة,وصل وفد,وصول وفد,وصل الوفد,وصول الوفد,وصلت وفود,حط في,حطت في | visit / tour / arrive: the host is the target; «وصول وفد من الشرطة الروسية» is a visit (and a deployment when the delegation is military)
CONSULT | host | 043 | agent | verb | V:استقبل/ستقبل && X:استضاف,استضافت,استضافوا,يستضيف,تستضيف,يستضيفون | receive / host: subject is source (host), object target (guest)
CONSULT | host | 043 | agent | noun | N:استقبال,استضافة | hosting; «استقبال X لـY»
CONSULT | call | 041 | agent | noun | N:اتصال هاتفي,اتصالا هاتفيا,اتصالات هاتفية,مكالمة هاتفية,مكالمة,مكالمات,محادثة هاتفية,اتصالا,اتصال | phone calls: «اتصال هاتفي بين X و Y» / «تلقى X اتصالا من Y»
CONSULT | call | 041 | agent | verb | V:اتصل/تصل && X:هاتفت && P:أجرى اتصالا,أجرت اتصالا,أجرى اتصالا هاتفيا,أجرت اتصالا هاتفيا,تلقى اتصالا,تلقت اتصالا,تلقى اتصالا هاتفيا,بحث هاتفيا,تباحث هاتفيا | phone calls (verbal)
CONSULT | other | 045 | agent | noun | N:وساطة,وساطات,جهود الوساطة,مساعي الوساطة | mediation
CONSULT | other | 045 | agent | verb | V:توسط/توسط | mediate
# ===== AGREE =====
AGREE |  | 057 | reciprocal | noun | N:اتفاق,اتفاقا,اتفاقية,اتفاقيات,اتفاقات,اتفاقين,صفقة,صفقات,تسوية,تسويات,مذكرة تفاهم,مذكرات تفاهم,تفاهم,تفاهمات,مصالحة,مصالحات,تسوية أوضاع | agreements: «اتفاق بين X و Y»
AGREE |  | 057 | agent | verb | V:اتفق/تفق;وافق/وافق && X:صادقت,صادقوا,يصادق,تصادق,صادق على,مصادقة && X:تصالح,تصالحت | agree / approve / ratify: «اتفق X مع Y» → both parties
AGREE |  | 057 | agent | phrase | P:توصل إلى اتفاق,توصلت إلى اتفاق,توصلوا إلى اتفاق,توصل الطرفان,التوصل إلى اتفاق,التوصل لاتفاق,توصلا إلى اتفاق,وقع اتفاق,وقع اتفاقا,وقعت اتفاقا,وقعت اتفاقية,وقع اتفاقية,وقعوا اتفاقا,وقعوا اتفاقية,وقعا اتفاقا,وقعا اتفاقية,توقيع اتفاق,توقيع اتفاقية,توقيع الاتفاق,أبرم اتفاقا,أبرمت اتفاقا,إبرام اتفاق,مذكرة تفاهم,وقع مذكرة,وقعت مذكرة,موافقة | reach / sign an agreement
AGREE |  | 0871 | reciprocal | noun | N:هدنة,هدنتين,وقف إطلاق النار,وقف لإطلاق النار,وقف إطلاق نار,وقفا لإطلاق النار,وقف الأعمال العدائية,تهدئة,وقف القتال,الهدنة الإنسانية! | truce / ceasefire: the longer «وقف إطلاق النار» beats ASSAULT/shooting «إطلاق النار»
AGREE |  | 0871 | agent | phrase | P:أعلن هدنة,أعلنت هدنة,أعلن وقف إطلاق النار,أعلنت وقف إطلاق النار,التزم بالهدنة,التزمت بالهدنة,دخلت الهدنة حيز التنفيذ,دخل وقف إطلاق النار حيز التنفيذ | declare / observe a truce
# ===== SUPPORT =====
SUPPORT |  | 051 | agent | verb | V:رحب/رحب;أشاد/شيد;أيد/ؤيد;ساند/ساند;بارك/بارك;هنأ/هنئ && -:هنأ,أيد,هنأن && X:ثمنت,يثمن,تثمن,ثمنوا,أشادت,أشادوا | praise / welcome / endorse: object target
SUPPORT |  | 051 | agent | noun | N:ترحيب,إشادة,تأييد,مساندة,دعم سياسي,تضامن,مباركة,تهنئة,دعمه,دعمها | support nouns; «دعم» alone is listed here (political); material «دعم عسكري/مالي» is AID
SUPPORT |  | 051 | agent | verb | V:دعم/دعم && N:دعم | support («دعمت روسيا X»); not in the relation cues «بدعم من» / «المدعومة من» (those are backed_by relations); AID when modes.tsv gives عسكري/مالي/بالسلاح
SUPPORT |  | 052 | agent | verb | V:دافع/دافع;تضامن/تضامن && P:دافع عن,دافعت عن,دافعوا عن,يدافع عن,تدافع عن,أعلن تضامنه,أعلنت تضامنها,أعرب عن تضامنه,أعربت عن تضامنها,أعرب عن دعمه,أعربت عن دعمها,أعرب عن تأييده,أعربت عن تأييدها | defend verbally / express solidarity
SUPPORT |  | 054 | agent | phrase | P:اعترف بحكومة,اعترفت بحكومة,اعترف بشرعية,اعترفت بشرعية,الاعتراف بدولة,الاعتراف بحكومة,اعترفت بدولة,اعترف بدولة | diplomatic recognition
# ===== COOPERATE =====
COOPERATE |  | 060 | reciprocal | noun | N:تعاون,تعاونا,تنسيق,تنسيقا,شراكة,شراكة استراتيجية,عمليات مشتركة,عملية مشتركة,عمل مشترك,غرفة عمليات مشتركة,تحالف عسكري,تنسيق أمني,تعاون أمني,تعاون عسكري | cooperation; «تنسيق بين X و Y» / «تعاون X مع Y»; «التحالف» alone is an actor and is not listed
COOPERATE |  | 060 | agent | verb | V:تعاون/تعاون;نسق/نسق && X:تحالفت,تحالفوا,يتحالف,تتحالف,تحالف مع && P:بالتنسيق مع,بالتعاون مع,نسق مع,نسقت مع,قاتل إلى جانب,قاتلت إلى جانب,يقاتل إلى جانب,يقاتلون إلى جانب,تقاتل إلى جانب | cooperate / coordinate / fight alongside: «مع X» → X target
COOPERATE |  | 064 | agent | phrase | P:تبادل المعلومات,تبادل معلومات,تبادل المعلومات الاستخباراتية,تعاون استخباراتي,تسليم المطلوبين,تسليم مطلوبين | intelligence / judicial cooperation
COOPERATE |  | 061 | agent | phrase | P:تعاون اقتصادي,تعاونا اقتصاديا,شراكة اقتصادية,استثمارات مشتركة,مشاريع مشتركة | economic cooperation
# ===== AID =====
AID |  | 070 | agent | noun | N:مساعدات,مساعدة,معونات,معونة,مساعدة عاجلة,مساعدات عاجلة,منحة,هبة | aid; «مساعدات لـX» / «إلى X» → X target; mode from modes.tsv
AID |  | 070 | agent | phrase | P:قدم مساعدات,قدمت مساعدات,قدموا مساعدات,يقدم مساعدات,تقدم مساعدات,تقديم مساعدات,تقديم المساعدات,أرسل مساعدات,أرسلت مساعدات,إرسال مساعدات,إيصال مساعدات,إدخال مساعدات,أدخلت مساعدات,سلم مساعدات,سلمت مساعدات,تسليم مساعدات,وزع مساعدات,وزعت مساعدات,توزيع مساعدات,توزيع المساعدات,قدم دعما,قدمت دعما,تقديم الدعم,تقديم دعم,زيادة دعم,زيادة الدعم | provide aid (verbal)
AID | humanitarian | 073 | agent | noun | N:مساعدات إنسانية,مساعدات إغاثية,إغاثة,مواد إغاثية,قافلة مساعدات,قوافل مساعدات,قافلة إغاثة,سلال غذائية,سلة غذائية,مساعدات غذائية,مساعدات طبية,مواد غذائية,شحنة مساعدات,جسر جوي,مساعدات إنسانية عاجلة,إغاثية | humanitarian aid
AID | humanitarian | 073 | agent | verb | V:أغاث/غيث;تبرع/تبرع && X:أغاثت && N:تبرع,تبرعات | relief / donations
AID | military | 072 | agent | noun | N:دعم عسكري,دعما عسكريا,الدعم العسكري!,مساعدات عسكرية,شحنة أسلحة,شحنات أسلحة,شحنة سلاح,صفقة أسلحة,صفقة سلاح,عتاد عسكري,العتاد العسكري!,معدات عسكرية,تسليح,تدريب عسكري,مستشارين عسكريين,مستشارون عسكريون,خبراء عسكريين | military aid, arms supply, trainers
AID | military | 072 | agent | verb | V:سلح/سلح;زود/زود && X:دربت,دربوا,يدرب && P:زود بالأسلحة,زودت بالأسلحة,زودوا بالأسلحة,تزويد بالأسلحة,تزويد بأسلحة,تزويدها بالأسلحة,تسليم أسلحة,سلم أسلحة,سلمت أسلحة,تدريب مقاتلين,تدريب عناصر,تدريب وتسليح,دعم عسكريا,دعمت عسكريا,حصلت على | arm / supply / train
AID | economic | 071 | agent | noun | N:دعم مالي,دعما ماليا,دعم اقتصادي,مساعدات مالية,مساعدات اقتصادية,منحة مالية,منحة نفطية,وديعة مالية,دعم نقدي | economic / financial aid
AID | economic | 071 | agent | verb | X:مولت,مولوا,يمول,تمول && V:أقرض/قرض && P:قدم قرضا,قدمت قرضا,قدم منحة,قدمت منحة,أودع,أودعت | fund / lend
AID | other | 075 | agent | noun | N:منح اللجوء,منحت اللجوء,منحه اللجوء,حماية دولية | protection / asylum
# ===== CONCEDE =====
CONCEDE | release | 0841 | agent | verb | V:أفرج/فرج && P:أطلق سراح,أطلقت سراح,أطلقوا سراح,يطلق سراح,تطلق سراح,أخلى سبيل,أخلت سبيل,أخلوا سبيل,إخلاء سبيل,أفرج عن,أفرجت عن,أفرجوا عن,يفرج عن,تفرج عن,حرر رهائن,حررت رهائن,حرر الأسرى,حررت الأسرى,تحرير المختطفين,تحرير الرهائن,سلم الأسرى,سلمت الأسرى | release prisoners/detainees: «أفرج X عن Y» → Y target
CONCEDE | release | 0841 | victim | noun | N:إفراج,إفراجا,إطلاق سراح,الإفراج عن!,تبادل الأسرى,صفقة تبادل,تبادل أسرى,صفقة تبادل الأسرى,عملية تبادل,تبادل المعتقلين,تبادل الجثث,الإفراج عنه!,الإفراج عنهم! | «الإفراج عن X» → X target (released); prisoner swaps
CONCEDE | other | 081 | agent | phrase | P:رفع الحصار,رفعت الحصار,رفع القيود,رفعت القيود,تخفيف القيود,خفف القيود,خففت القيود,تخفيف الحصار,فتح المعبر,فتحت المعبر,فتح معبر,فتحت معبر,إعادة فتح,أعاد فتح,أعادت فتح,السماح بدخول,سمح بدخول,سمحت بدخول,رفع حظر التجول,رفعت حظر التجول,رفع العقوبات,رفعت العقوبات,تخفيف العقوبات,استجاب لمطالب,استجابت لمطالب,تراجع عن قرار,تراجعت عن قرار,عفو,عفو عام,عفوا عاما,أصدر عفوا | ease restrictions / amnesty / back down
CONCEDE | other | 080 | agent | verb | V:تنازل/تنازل;اعترف/عترف && N:تنازل,تنازلات,اعتراف,اعترافا | concede / admit («اعترف بالخسارة»); «اعترف بحكومة/بدولة» (longer) is SUPPORT
# ===== RETREAT =====
RETREAT |  | 0874 | self | verb | V:انسحب/نسحب | withdraw («انسحبت X من مواقع»): the place after «من» is not a target
RETREAT |  | 0874 | self | noun | N:انسحاب,انسحابا,انسحابات,انسحابها,انسحابه,انسحابهم,إعادة تموضع | withdrawal; «انسحاب X» → X source
RETREAT |  | 0874 | self | verb | X:فر,فرت,فروا,يفر,تفر,يفرون,فرار,هرب,هربت,هربوا,يهرب,تهرب,يهربون,هروب,لاذ بالفرار,لاذوا بالفرار,لاذت بالفرار | flight of forces («فروا من مدينة لودر»); civilians fleeing are not events (coder: the subject must be an armed actor)
RETREAT |  | 0874 | self | verb | V:استسلم/ستسلم && N:استسلام,استسلاما && P:سلم نفسه,سلموا أنفسهم,سلمت نفسها,ألقى السلاح,ألقوا السلاح,ألقوا أسلحتهم,إلقاء السلاح,تسليم السلاح,تسليم أسلحتهم,سلموا أسلحتهم,ترك السلاح,تركهم السلاح,رفع الراية البيضاء | surrender / lay down arms
RETREAT |  | 0873 | self | verb | V:انشق/نشق && N:انشقاق,انشقاقات,منشقين,منشقون | defection / desertion from a force (the force left is not a target)
RETREAT |  | 0874 | self | verb | V:سحب/سحب;غادر/غادر;خرج/خرج;تراجع/تراجع && D:أخل/خل/ي && N:إخلاء,مغادرة,خروج,سحب,تراجع | pull back / evacuate / leave positions: only with an armed subject or object in the clause | req=قوات,قواته,قواتها,عناصر,عناصره,عناصرها,جنود,مقاتلين,مقاتلي,مقاتلو,مسلحي,مسلحين,ميليشيا,مليشيا,ميليشيات,مليشيات,مواقع,مواقعها,مواقعه,نقاط,نقاطها,ثكنات,الجيش,حواجز,فصائل,آليات,المسلحين,الحوثيين,مسلحو
RETREAT |  | 0873 | self | phrase | P:حل الميليشيا,حل الميليشيات,حل الفصيل,حل نفسه,حلت نفسها,حل الجناح العسكري,تسريح,تسريح المقاتلين,نزع السلاح,نزع سلاح,تفكيك الميليشيات | disbanding / demobilisation
"""

TYPES = {
    'ASSAULT': ['clash', 'shooting', 'shelling', 'airstrike', 'drone', 'ied', 'suicide',
                'abduction', 'assassination', 'beating', 'sexual', 'other'],
    'COERCE': ['arrest', 'raid', 'seize', 'expel', 'restrict', 'destroy', 'other'],
    'MOBILIZE': ['troops', 'alert', 'patrol', 'base', 'flights', 'exercise', 'other'],
    'THREATEN': ['military', 'other'],
    'PROTEST': ['demonstration', 'riot', 'strike', 'hunger_strike', 'sit_in', 'other'],
    'SANCTION': [], 'ACCUSE': [], 'REJECT': [], 'REQUEST': [],
    'CONSULT': ['visit', 'host', 'meet', 'call', 'other'],
    'AGREE': [], 'SUPPORT': [], 'COOPERATE': [],
    'AID': ['military', 'humanitarian', 'economic', 'other'],
    'CONCEDE': ['release', 'other'],
    'RETREAT': [],
}
FRAMES = {'agent', 'reciprocal', 'victim', 'undergo', 'self'}
POS = {'verb', 'noun', 'phrase'}

HARAKAT = re.compile('[\u064B-\u065F\u0670\u0640]')
FOLD = str.maketrans({'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه',
                      'ؤ': 'و', 'ئ': 'ي'})


def fold(s: str) -> str:
    return HARAKAT.sub('', s).translate(FOLD)


def verb_forms(past: str, pres: str) -> tuple[list[str], list[str]]:
    """Sound/doubled/hamzated verb: returns (forms, future forms)."""
    forms = [past, past + 'ت', past + 'وا', past + 'ن', past + 'ا', past + 'تا',
             'ي' + pres, 'ت' + pres, 'ي' + pres + 'ون', 'ي' + pres + 'ان',
             'ت' + pres + 'ان']
    future = ['سي' + pres, 'ست' + pres, 'سي' + pres + 'ون']
    return forms, future


def defective_forms(past: str, pres: str, fin: str) -> tuple[list[str], list[str]]:
    """Defective verb (final weak letter): ألقى / يلقي, تصدى / يتصدى."""
    forms = [past + 'ى', past + 'ت', past + 'وا', past + 'ين', past + 'يا', past + 'تا',
             'ي' + pres + fin, 'ت' + pres + fin, 'ي' + pres + 'ون', 'ت' + pres + 'ون']
    future = ['سي' + pres + fin, 'ست' + pres + fin, 'سي' + pres + 'ون']
    return forms, future


NO_ACC_END = ('ة', 'ا', 'ى', 'ء', 'ي', 'ات', 'ئ', 'ين', 'ون', 'ان')


def noun_forms(word: str) -> list[str]:
    if word.endswith('!'):
        return [word[:-1]]
    out = [word]
    if ' ' in word:
        return out
    if not word.endswith(NO_ACC_END):
        out.append(word + 'ا')
    return out


def expand(spec: str) -> tuple[list[str], list[str]]:
    forms: list[str] = []
    future: list[str] = []
    drop: set[str] = set()
    for chunk in spec.split('&&'):
        chunk = chunk.strip()
        kind, _, body = chunk.partition(':')
        if kind == 'V':
            for item in body.split(';'):
                past, pres = item.split('/')
                f, fu = verb_forms(past.strip(), pres.strip())
                forms += f
                future += fu
        elif kind == 'D':
            for item in body.split(';'):
                past, pres, fin = item.split('/')
                f, fu = defective_forms(past.strip(), pres.strip(), fin.strip())
                forms += f
                future += fu
        elif kind == 'N':
            for w in body.split(','):
                forms += noun_forms(w.strip())
        elif kind in ('X', 'P'):
            forms += [w.strip() for w in body.split(',')]
        elif kind == '-':
            drop.update(fold(w.strip()) for w in body.split(','))
        else:
            raise ValueError(f'unknown spec chunk {chunk!r}')
    # de-duplicate by folded form, keep first spelling
    seen: set[str] = set()
    uniq: list[str] = []
    for f in forms:
        k = fold(f)
        if f and k not in seen and k not in drop:
            seen.add(k)
            uniq.append(f)
    future = [f for f in future if fold(f[1:]) not in drop]
    return uniq, future


def load_up_lemmas(path: str) -> set[str]:
    """Verb lemmas of the UniversalPetrarch Arabic CAMEO dictionary (folded)."""
    lemmas: set[str] = set()
    if not path or not os.path.exists(path):
        return lemmas
    text = open(path, encoding='utf-8').read()
    part = text.split('####### VERB PATTERNS #######')[-1]
    for line in part.splitlines():
        line = line.split('#')[0].strip()
        if not line or line.startswith('-'):
            continue
        line = re.sub(r'\[[^\]]*\]', '', line).strip()
        for w in re.split(r'[\s+_]+', line):
            w = fold(w)
            if len(w) >= 2:
                lemmas.add(w)
    return lemmas


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--up', default='/work/shared/data/dictionaries/upetrarch-arabic/'
                    'verbs.CAMEO.ar.0.5.txt', help='UniversalPetrarch verbs file (optional)')
    ap.add_argument('--out', default=OUT)
    args = ap.parse_args()
    up = load_up_lemmas(args.up)
    rows = []
    futures: list[tuple[str, str]] = []
    for n, line in enumerate(ENTRIES.strip().splitlines(), 1):
        if not line.strip() or line.startswith('#'):
            continue
        parts = [p.strip() for p in line.split(' | ')]
        if len(parts) == 6:
            parts.append('')
        if len(parts) == 8:  # note | req=...
            parts = parts[:6] + [parts[6] + ' | ' + parts[7]]
        if len(parts) != 7:
            raise SystemExit(f'entry line {n}: expected 7 fields, got {len(parts)}: {line}')
        typ, mode, cameo, frame, pos, spec, note = parts
        if typ not in TYPES or (mode and mode not in TYPES[typ]):
            raise SystemExit(f'entry line {n}: bad type/mode {typ}/{mode}')
        if frame not in FRAMES or pos not in POS:
            raise SystemExit(f'entry line {n}: bad frame/pos {frame}/{pos}')
        forms, future = expand(spec)
        # UniversalPetrarch provenance: the first verb lemma of the entry
        lemmas = []
        for chunk in spec.split('&&'):
            chunk = chunk.strip()
            if chunk[:2] in ('V:', 'D:'):
                for item in chunk[2:].split(';'):
                    stem = item.split('/')[0]
                    lem = stem + ('ى' if chunk.startswith('D:') else '')
                    if fold(lem) in up or fold(lem).lstrip('ا') in up:
                        lemmas.append(lem)
        if lemmas:
            note = (note + '; ' if note else '') + 'upetrarch:' + ','.join(lemmas)
        note = note.replace('\t', ' ')
        rows.append((typ, mode, cameo, frame, pos, '|'.join(forms), note))
        for fu in future:
            futures.append((fu, typ))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, 'triggers.tsv'), 'w', encoding='utf-8') as f:
        f.write('# Marsad event triggers. Generated by tools/triggers/gen_triggers.py; '
                'see data/README-triggers.md.\n')
        f.write('# Verb lemmas marked upetrarch: also in the UniversalPetrarch Arabic CAMEO '
                'dictionary (MIT, (c) 2016 Open Event Data Alliance).\n')
        f.write('type\tmode\tcameo\tframe\tpos\tforms\tnote\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')
    seen = set()
    with open(os.path.join(args.out, 'future.tsv'), 'w', encoding='utf-8') as f:
        f.write('# Future (س-prefixed) present forms of trigger verbs: status planned.\n')
        f.write('# Generated by tools/triggers/gen_triggers.py; base = the present form '
                'listed in triggers.tsv.\n')
        f.write('form\tbase\ttype\n')
        for fu, typ in futures:
            k = (fold(fu), typ)
            if k in seen:
                continue
            seen.add(k)
            f.write(f'{fu}\t{fu[1:]}\t{typ}\n')
    print(f'wrote {len(rows)} trigger rows, '
          f'{sum(len(r[5].split("|")) for r in rows)} forms, {len(seen)} future forms',
          file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
