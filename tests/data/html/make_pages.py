#!/usr/bin/env python3
"""Writes the saved-news-page fixtures of tests/unit/ingest_test.cc.

Each page NAME.html (or .htm) imitates how an Arabic news site really saves:
menus, breadcrumbs, share buttons, «اقرأ أيضاً» links, related-article lists,
comment sections, «زر الذهاب إلى الأعلى» footers, legacy Windows-1256 and
ISO-8859-6 pages. NAME.expected.json holds what the extractor must return:
title, date, outlet, url and the body text (paragraphs joined by a blank line).
The article texts are written for these tests in the style of Syrian and
regional reporting (invented events). Run: python3 make_pages.py (from this folder).
"""
import json, os

ARTICLES = [
 dict(name="jannah-deir-ezzor-clashes", outlet="الشرق نيوز", date="2021-03-14", url="https://example-sharq.net/2021/03/14/deir-clashes/",
  title="اشتباكات بين قوات سوريا الديمقراطية ومسلحين من العشائر في ريف دير الزور",
  paras=["اندلعت اشتباكات عنيفة، مساء السبت، بين عناصر من قوات سوريا الديمقراطية ومسلحين من أبناء العشائر في بلدة ذيبان بريف دير الزور الشرقي، ما أسفر عن مقتل ثلاثة أشخاص وإصابة خمسة آخرين بجروح متفاوتة، بحسب ما أفادت به مصادر محلية.",
         "وقالت المصادر إن الاشتباكات بدأت عقب مداهمة دورية تابعة لقسد منزلاً في البلدة بحثاً عن مطلوبين، قبل أن يتدخل مسلحون من العشيرة ويطلقوا النار على الدورية، لتستقدم قسد تعزيزات عسكرية من مدينة الشحيل المجاورة.",
         "وفرضت قوات سوريا الديمقراطية حظراً للتجوال في البلدة حتى إشعار آخر، في حين ناشد وجهاء العشائر الأطراف ضبط النفس والاحتكام إلى لجنة صلح تشكلت في وقت متأخر من الليل."]),
 dict(name="modon-bukamal-iran", outlet="المدن", date="2021-02-02", url="https://example-modon.com/arabworld/syria/2021/02/02/bukamal",
  title="ميليشيات إيرانية تعزز مواقعها قرب البوكمال بعد غارات مجهولة",
  paras=["عززت ميليشيات مدعومة من إيران مواقعها في محيط مدينة البوكمال على الحدود السورية العراقية، بعد سلسلة غارات جوية مجهولة استهدفت مستودعات للأسلحة في المنطقة خلال الأيام الماضية.",
         "وذكرت شبكة محلية أن رتلاً مؤلفاً من عشرين آلية عسكرية وصل إلى حي الحزام في المدينة قادماً من الأراضي العراقية عبر معبر غير شرعي، وعلى متنه عناصر من لواء فاطميون ومعدات ثقيلة.",
         "وأضافت الشبكة أن عناصر الميليشيات أخلوا عدداً من المقرات المعروفة داخل المدينة ونقلوا أسلحتهم إلى مزارع في البادية، خشية تعرضها لغارات جديدة، فيما لم يصدر أي تعليق رسمي من الجانب الإيراني."]),
 dict(name="enab-daraa-assassination", outlet="عنب بلدي", date="2021-04-09", url="https://example-enab.com/2021/04/daraa-assassination/",
  title="اغتيال قيادي سابق في المعارضة بريف درعا الغربي",
  paras=["قتل قيادي سابق في فصائل المعارضة برصاص مسلحين مجهولين، صباح الجمعة، في بلدة طفس بريف درعا الغربي، في حادثة جديدة ضمن سلسلة الاغتيالات التي تشهدها المحافظة منذ اتفاق التسوية.",
         "وقال مراسل عنب بلدي في درعا إن مسلحين يستقلون دراجة نارية أطلقوا النار على القيادي أثناء خروجه من منزله، ما أدى إلى مقتله على الفور، قبل أن يلوذوا بالفرار نحو الأراضي الزراعية المحيطة.",
         "ولم تتبن أي جهة عملية الاغتيال حتى لحظة إعداد هذا التقرير، في حين يتهم ناشطون الأجهزة الأمنية التابعة للنظام بالوقوف وراء معظم هذه العمليات لتصفية معارضيها السابقين."]),
 dict(name="legacy-1256-hama-shelling", outlet="", date="2021-01-27", url="", encoding="windows-1256",
  title="قصف مدفعي على قرى سهل الغاب بريف حماة",
  paras=["قصفت قوات النظام بالمدفعية الثقيلة، صباح اليوم، قرى قسطون والزيارة في سهل الغاب بريف حماة الغربي، ما أدى إلى إصابة امرأة وطفلين بجروح، ودمار في عدد من المنازل والممتلكات.",
         "وقال الدفاع المدني إن فرقه أسعفت المصابين إلى مستشفى قريب، وعملت على إخماد حريق اندلع في أحد المنازل جراء القصف، مشيراً إلى أن القذائف مصدرها مواقع النظام في جورين.",
         "ويأتي القصف رغم اتفاق وقف إطلاق النار الموقع بين روسيا وتركيا في آذار من العام الماضي، والذي تتعرض بنوده لخروقات شبه يومية من قبل قوات النظام والميليشيات الموالية له."]),
 dict(name="iso88596-raqqa-arrests", outlet="", date="", url="", encoding="iso-8859-6",
  title="حملة اعتقالات في مدينة الرقة",
  paras=["شنت قوات الأمن الداخلي حملة مداهمات واعتقالات في عدد من أحياء مدينة الرقة، أمس الأربعاء، طالت أكثر من عشرين شاباً بتهمة التهرب من التجنيد الإجباري، بحسب ما أفاد به ناشطون من المدينة.",
         "وقال الناشطون إن الدوريات انتشرت في حي المشلب وشارع تل أبيض منذ ساعات الصباح الأولى، وأقامت حواجز مؤقتة على مداخل الأحياء، وفتشت المارة والسيارات بشكل دقيق.",
         "وأضافوا أن المعتقلين نقلوا إلى مراكز التجنيد في المدينة، فيما أفرج عن عدد منهم بعد تدخل وجهاء من العشائر العربية في المنطقة."]),
 dict(name="inline-readalso-idlib", outlet="تلفزيون سوريا", date="2021-05-03", url="https://example-syriatv.tv/idlib-drone",
  title="مسيّرة روسية تستهدف سيارة مدنية جنوبي إدلب",
  paras=["استهدفت طائرة مسيّرة روسية، ظهر الإثنين، سيارة مدنية على الطريق الواصل بين بلدتي البارة وكنصفرة في جبل الزاوية جنوبي إدلب، ما أدى إلى مقتل سائقها وإصابة مرافقه بجروح خطيرة.",
         "وأفاد مراسل تلفزيون سوريا بأن فرق الدفاع المدني نقلت المصاب إلى أحد مشافي المنطقة، مشيراً إلى أن الطائرة المسيّرة حلقت لساعات فوق المنطقة قبل تنفيذ الضربة.",
         "وتشهد منطقة جبل الزاوية تصعيداً متكرراً من قبل قوات النظام وروسيا منذ مطلع الشهر الجاري، رغم سريان اتفاق وقف إطلاق النار في شمال غربي سوريا."]),
 dict(name="jsonld-aleppo-protest", outlet="شبكة الأخبار", date="2021-06-18", url="https://example-akhbar.org/news/aleppo-protest-18",
  title="مظاهرة في مدينة الباب احتجاجاً على تردي الخدمات",
  paras=["خرج مئات من أهالي مدينة الباب في ريف حلب الشرقي، يوم الجمعة، في مظاهرة احتجاجية أمام مبنى المجلس المحلي، للمطالبة بتحسين واقع الكهرباء والمياه وخفض أسعار الخبز.",
         "ورفع المحتجون لافتات تنتقد أداء المجلس المحلي والشركة المشغلة لخطوط الكهرباء، وطالبوا بمحاسبة المسؤولين عن انقطاع المياه المتكرر منذ أكثر من أسبوعين عن معظم أحياء المدينة.",
         "وقال عضو في المجلس المحلي إن المجلس يعمل على حل المشكلة بالتنسيق مع الجهات المعنية، ووعد بإصلاح محطة الضخ الرئيسية خلال أيام."]),
 dict(name="comments-no-class-homs", outlet="صوت العاصمة", date="2021-07-11", url="https://example-sawt.net/homs-checkpoint",
  title="الأمن العسكري يستحدث حاجزاً جديداً في ريف حمص الشمالي",
  paras=["استحدث فرع الأمن العسكري التابع للنظام حاجزاً جديداً على مدخل مدينة تلبيسة في ريف حمص الشمالي، وبدأ عناصره بتفتيش السيارات والتدقيق في البطاقات الشخصية للمارة.",
         "وذكرت مصادر محلية أن عناصر الحاجز اعتقلوا شابين من أبناء المدينة خلال الساعات الأولى لإقامته، بذريعة وجود أسمائهم على قوائم المطلوبين للخدمة الاحتياطية.",
         "ويثير الحاجز مخاوف الأهالي من عودة حملات الاعتقال إلى المنطقة التي خضعت لاتفاق تسوية برعاية روسية منذ عام 2018."]),
 dict(name="subheading-lebanon-border", outlet="النهار العربي", date="2021-08-22", url="https://example-nahar.com/lebanon-border",
  title="توتر على الحدود اللبنانية بعد قصف متبادل",
  paras=["شهدت المنطقة الحدودية في جنوب لبنان توتراً، صباح الأحد، بعد إطلاق صواريخ من الأراضي اللبنانية باتجاه مواقع إسرائيلية، ردت عليها المدفعية الإسرائيلية بقصف أطراف بلدات حدودية.",
         "ردود الفعل",
         "ودعت قوات الأمم المتحدة المؤقتة في لبنان جميع الأطراف إلى ضبط النفس، وقالت في بيان إنها على اتصال بالجانبين لمنع تدهور الوضع، وإن دورياتها تعمل على تحديد مصدر الصواريخ.",
         "من جهته، قال الجيش اللبناني إنه عثر على منصة لإطلاق الصواريخ في أحد البساتين قرب بلدة حدودية، وفتح تحقيقاً لمعرفة الجهة المسؤولة عن عملية الإطلاق."]),
 dict(name="br-separated-quneitra", outlet="درعا 24", date="2021-09-05", url="https://example-daraa24.net/quneitra-raid",
  title="مداهمات في ريف القنيطرة بحثاً عن أسلحة",
  paras=["داهمت دوريات من الفرقة الرابعة، فجر الأحد، منازل في بلدة جباتا الخشب بريف القنيطرة الشمالي، بحثاً عن أسلحة وذخائر قالت إن مطلوبين يخفونها في البلدة.",
         "وقال ناشطون إن العناصر صادروا هواتف محمولة وأجهزة حاسوب من المنازل المداهمة، واعتقلوا رجلاً مسناً بعد أن رفض الإدلاء بمعلومات عن أبنائه المطلوبين.",
         "وتأتي المداهمات بعد أيام من هجوم استهدف حاجزاً للفرقة الرابعة قرب البلدة، أسفر عن إصابة اثنين من عناصره."]),
 dict(name="figure-caption-hasakah", outlet="نورث برس", date="2021-10-12", url="https://example-north.com/hasakah-water",
  title="انقطاع المياه عن مدينة الحسكة بعد توقف محطة علوك",
  paras=["تعيش مدينة الحسكة وريفها أزمة مياه خانقة منذ أسبوع، بعد توقف محطة علوك عن الضخ مجدداً، ما دفع السكان إلى شراء المياه من الصهاريج بأسعار مرتفعة لا يقدر عليها كثيرون.",
         "وتتهم الإدارة الذاتية القوات التركية وفصائل المعارضة المسلحة الموالية لها بقطع المياه عن المدينة، بينما تقول أنقرة إن المحطة تتوقف بسبب انقطاع التيار الكهربائي عنها.",
         "وطالبت منظمات إنسانية الأطراف المعنية بتحييد المرافق المدنية عن الصراع، محذرة من انتشار الأمراض بين الأطفال بسبب شح المياه النظيفة."]),
 dict(name="sidebar-latakia-fire", outlet="سناك سوري", date="2021-10-30", url="https://example-snack.com/latakia-fire",
  title="حرائق تلتهم مساحات حراجية في ريف اللاذقية",
  paras=["اندلعت حرائق واسعة في الأحراج المحيطة بقرى ريف اللاذقية الشمالي، مساء الجمعة، وامتدت بسرعة بسبب الرياح الشديدة، ما أدى إلى احتراق مساحات كبيرة من الغابات وبساتين الزيتون.",
         "وقالت مديرية الزراعة إن فرق الإطفاء تمكنت من محاصرة معظم بؤر النيران بعد ساعات من العمل، بمساعدة طائرات مروحية ألقت المياه على المناطق التي يصعب الوصول إليها.",
         "وطالب الأهالي بفتح تحقيق في أسباب الحرائق التي تتكرر كل عام في المنطقة، وتعويض المزارعين الذين خسروا محاصيلهم بالكامل."]),
 dict(name="yemen-hodeidah-airstrike", outlet="المصدر أونلاين", date="2021-11-08", url="https://example-masdar.net/hodeidah",
  title="غارات للتحالف على مواقع للحوثيين في الحديدة",
  paras=["شنت طائرات التحالف بقيادة السعودية، فجر الإثنين، سلسلة غارات على مواقع لجماعة الحوثي في مديرية الدريهمي جنوبي محافظة الحديدة غربي اليمن، بحسب مصادر عسكرية.",
         "وقالت المصادر إن الغارات استهدفت تجمعات ومخازن أسلحة للحوثيين، وأسفرت عن مقتل وإصابة عدد من عناصر الجماعة، دون أن تحدد حصيلة دقيقة للضحايا.",
         "في المقابل، قالت قناة المسيرة التابعة للحوثيين إن الغارات استهدفت منازل المواطنين في المديرية، وأدت إلى سقوط ضحايا مدنيين، متهمة التحالف بخرق الهدنة الأممية."]),
 dict(name="iraq-anbar-ied", outlet="السومرية نيوز", date="2021-11-21", url="https://example-sumaria.tv/anbar-ied",
  title="انفجار عبوة ناسفة يستهدف رتلاً عسكرياً غربي الأنبار",
  paras=["انفجرت عبوة ناسفة، صباح الأحد، لدى مرور رتل عسكري تابع للجيش العراقي على الطريق الدولي قرب قضاء الرطبة غربي محافظة الأنبار، ما أسفر عن إصابة جنديين بجروح.",
         "وقال مصدر أمني إن قوة من الجيش طوقت مكان الانفجار وباشرت عمليات تفتيش في المناطق الصحراوية المحيطة، بحثاً عن خلايا تنظيم داعش التي تنشط في المنطقة.",
         "وأشار المصدر إلى أن الجنديين نقلا إلى مستشفى الرطبة العام لتلقي العلاج، وأن حالتهما مستقرة."]),
 dict(name="libya-tripoli-clashes", outlet="بوابة الوسط", date="2021-12-02", url="https://example-wasat.ly/tripoli-clashes",
  title="اشتباكات مسلحة في ضواحي طرابلس",
  paras=["اندلعت اشتباكات مسلحة بين مجموعتين مسلحتين في منطقة صلاح الدين جنوبي العاصمة الليبية طرابلس، ليل الأربعاء، استخدمت فيها الأسلحة المتوسطة، ما أثار حالة من الذعر بين السكان.",
         "وقال شهود عيان إن الاشتباكات استمرت نحو ساعتين، وأدت إلى إغلاق عدد من الطرق الرئيسية، قبل أن تتدخل وساطة من أعيان المنطقة لوقف إطلاق النار.",
         "ولم تصدر وزارة الداخلية في حكومة الوحدة الوطنية بياناً حول الاشتباكات حتى صباح الخميس، في حين أعلن جهاز الإسعاف والطوارئ نقل ثلاثة جرحى إلى مستشفى قريب."]),
 dict(name="gaza-protest-wordpress", outlet="وكالة صفا", date="2021-12-17", url="https://example-safa.ps/gaza-protest",
  title="وقفة احتجاجية في غزة تضامناً مع الأسرى",
  paras=["نظم مئات الفلسطينيين، ظهر الجمعة، وقفة احتجاجية أمام مقر اللجنة الدولية للصليب الأحمر في مدينة غزة، تضامناً مع الأسرى المضربين عن الطعام في سجون الاحتلال.",
         "ورفع المشاركون صور الأسرى والأعلام الفلسطينية، وطالبوا المؤسسات الدولية بالتدخل العاجل لإنقاذ حياة الأسرى الذين تدهورت أوضاعهم الصحية بشكل خطير.",
         "وقال متحدث باسم لجنة الأسرى إن الفعاليات التضامنية ستستمر في جميع المحافظات حتى تحقيق مطالب الأسرى المضربين."]),
 dict(name="tables-legacy-damascus", outlet="", date="2021-03-02", url="", encoding="windows-1256",
  title="ارتفاع جديد في أسعار المحروقات بدمشق",
  paras=["أصدرت وزارة التجارة الداخلية وحماية المستهلك في حكومة النظام قراراً برفع سعر ليتر البنزين المدعوم وغير المدعوم، في خطوة هي الثالثة من نوعها خلال أقل من عام.",
         "وشهدت محطات الوقود في دمشق ازدحاماً شديداً عقب صدور القرار، فيما اشتكى سائقو سيارات الأجرة من أن الزيادة ستنعكس على أجور النقل وعلى أسعار السلع في الأسواق.",
         "وبررت الوزارة قرارها بارتفاع تكاليف الاستيراد والعقوبات المفروضة على البلاد، مؤكدة أن الكميات المخصصة للمواطنين لن تتغير."]),
 dict(name="time-only-suwayda", outlet="السويداء 24", date="2021-05-20", url="https://example-suwayda24.com/kidnapping",
  title="خطف شاب على طريق دمشق السويداء",
  paras=["أقدم مسلحون مجهولون على خطف شاب من أبناء محافظة السويداء على طريق دمشق السويداء، مساء الأربعاء، واقتادوه إلى جهة مجهولة، بحسب ما أفادت به عائلته.",
         "وقالت العائلة إن الخاطفين تواصلوا معها وطالبوا بفدية مالية كبيرة مقابل إطلاق سراحه، مهددين بإيذائه في حال عدم الاستجابة لطلبهم خلال يومين.",
         "وتشهد محافظة السويداء منذ سنوات انفلاتاً أمنياً وحوادث خطف متكررة، تتهم فيها عصابات مرتبطة بالأجهزة الأمنية بالوقوف وراءها."]),
 dict(name="minimal-html-jordan", outlet="", date="", url="",
  title="الأردن يعيد فتح معبر جابر الحدودي",
  paras=["أعلنت الحكومة الأردنية إعادة فتح معبر جابر الحدودي مع سوريا أمام حركة المسافرين والشاحنات، بعد إغلاق استمر أسابيع بسبب الأوضاع الأمنية في الجنوب السوري.",
         "وقال وزير الداخلية الأردني إن القرار جاء بعد تقييم شامل للوضع على الحدود، وإن الإجراءات الصحية والأمنية ستطبق على جميع القادمين من الجانب السوري."]),
 dict(name="jannah-afrin-bombing", outlet="الشرق نيوز", date="2022-01-15", url="https://example-sharq.net/2022/01/15/afrin-bombing/",
  title="انفجار سيارة مفخخة في سوق شعبي وسط عفرين",
  paras=["انفجرت سيارة مفخخة، ظهر السبت، في سوق شعبي مزدحم وسط مدينة عفرين شمال غربي حلب، ما أدى إلى مقتل ستة مدنيين بينهم طفلان، وإصابة أكثر من عشرين آخرين بجروح.",
         "وقال الدفاع المدني إن فرقه عملت على إسعاف الجرحى وإخماد الحرائق التي اندلعت في المحال التجارية، مشيراً إلى أن حصيلة الضحايا مرشحة للارتفاع بسبب وجود إصابات خطيرة.",
         "واتهمت الحكومة السورية المؤقتة وحدات حماية الشعب الكردية بالوقوف وراء التفجير، في حين لم تعلن أي جهة مسؤوليتها عنه حتى الآن."]),
]

NAV = '<ul class="main-menu"><li><a href="/">الرئيسية</a></li><li><a href="/syria">سوريا</a></li><li><a href="/arab">عربي</a></li><li><a href="/world">دولي</a></li><li><a href="/economy">اقتصاد</a></li><li><a href="/opinion">رأي</a></li></ul>'
RELATED = ["الأمم المتحدة تحذر من تدهور الأوضاع الإنسانية شمالي سوريا", "مقتل عنصرين من قوات النظام بهجوم في البادية", "روسيا وتركيا تبحثان ملف إدلب في موسكو", "ارتفاع أسعار الخبز في مناطق الشمال السوري"]
COMMENTS = ["كلام صحيح والله المستعان، الوضع في المنطقة لا يحتمل أكثر من ذلك وعلى الجميع أن يتحملوا مسؤولياتهم تجاه الناس الذين يعانون منذ سنوات طويلة من الحرب والتهجير.",
            "نتمنى أن تعود الأمور إلى طبيعتها وأن يعم الأمن والأمان في كل المدن والقرى، فقد تعب الناس من هذه الأحداث التي لا تنتهي ولا أحد يهتم بمعاناتهم."]

def related_list(heading):
    items = "".join(f'<li><a href="/news/{i}">{t}</a></li>' for i, t in enumerate(RELATED))
    return f'<h3>{heading}</h3><ul>{items}</ul>'

def head(a, og=True, extra=""):
    h = f'<meta charset="utf-8"><title>{a["title"]} - {a["outlet"] or "موقع"}</title>'
    if og:
        h += f'<meta property="og:title" content="{a["title"]}"><meta property="og:site_name" content="{a["outlet"]}"><meta property="og:url" content="{a["url"]}"><meta property="og:type" content="article">'
    return f'<!DOCTYPE html>\n<html lang="ar" dir="rtl"><head>{h}{extra}<link rel="stylesheet" href="/style.css"><script>window.dataLayer=[];function gtag(){{}}</script></head>\n'

def ps(a, tag="p"):
    return "\n".join(f"<{tag}>{p}</{tag}>" for p in a["paras"])

def t_jannah(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T09:12:00+03:00">'
    return head(a, extra=meta) + f'''<body class="post-template-default single single-post comments-open">
<div id="tie-wrapper"><header id="theme-header" class="main-nav-dark">{NAV}</header>
<nav id="breadcrumb"><a href="/">الرئيسية</a> / <a href="/syria">سوريا</a></nav>
<div id="content" class="site-content container"><article id="the-post" class="post-listing">
<header class="entry-header-outer"><h1 class="post-title entry-title">{a["title"]}</h1><div class="post-meta"><span class="date meta-item">منذ ساعتين</span><span class="meta-views">1,024 مشاهدة</span></div></header>
<div class="entry-content entry clearfix">
{ps(a)}
</div>
<div class="share-buttons share-buttons-bottom"><a href="#">فيسبوك</a><a href="#">تويتر</a><a href="#">واتساب</a><a href="#">تيلقرام</a><span>شارك</span></div>
<div class="post-components"><div id="related-posts" class="container-wrapper"><div class="mag-box-title"><h3>مقالات ذات صلة</h3></div>
<div class="related-posts-list">{"".join(f'<div class="related-item"><h3 class="post-title"><a href="/n/{i}">{t}</a></h3><span class="date">منذ يوم</span></div>' for i, t in enumerate(RELATED))}</div></div>
<div id="comments" class="comments-area"><h3>{len(COMMENTS)} تعليقات</h3>{"".join(f'<div class="comment-body"><p>{c}</p></div>' for c in COMMENTS)}</div></div>
</article></div>
<footer id="footer"><div class="copyright-text">© جميع الحقوق محفوظة لموقع {a["outlet"]} 2021</div></footer>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a></div>
<script src="/wp-includes/js/jquery.js"></script></body></html>
'''

def t_modon(a):
    return head(a) + f'''<body><div class="page"><nav class="navbar">{NAV}</nav>
<main><article class="article"><h1>{a["title"]}</h1>
<div class="article-info"><span>{a["outlet"]}</span> | <time datetime="{a["date"]}T12:40:00Z">{a["date"]}</time></div>
<div class="article-body">
{ps(a)}
</div></article>
<aside class="most-read"><h2>الأكثر قراءة</h2><ol>{"".join(f"<li><a href='/r/{i}'>{t}</a></li>" for i, t in enumerate(RELATED))}</ol></aside></main>
<footer class="site-footer"><p>جميع الحقوق محفوظة © {a["outlet"]}</p></footer></div></body></html>
'''

def t_enab(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T08:00:00+00:00">'
    body = "<br><br>\n".join(a["paras"])
    return head(a, extra=meta) + f'''<body><div id="td-outer-wrap"><div class="td-header-menu-wrap">{NAV}</div>
<div class="td-post-header"><h1 class="entry-title">{a["title"]}</h1></div>
<div class="td-post-content">
{body}
<br><br>
{related_list("اقرأ أيضاً")}
</div>
<div class="td-post-sharing"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
<div class="td-footer-wrapper">عنب بلدي © 2021</div></div></body></html>
'''

def t_legacy(a):
    # Table layout, <font>, declared charset, date only in the text.
    date_line = {"2021-01-27": "الأربعاء 27 كانون الثاني 2021", "2021-03-02": "الثلاثاء 2 آذار 2021"}[a["date"]]
    enc = a["encoding"]
    rows = "\n".join(f'<tr><td><font size="3" face="Tahoma">{p}</font></td></tr>' for p in a["paras"])
    return f'''<html><head><meta http-equiv="Content-Type" content="text/html; charset={enc}"><title>{a["title"]}</title></head>
<body bgcolor="#ffffff"><table width="780"><tr><td><a href="index.htm">الصفحة الرئيسية</a> | <a href="news.htm">الأخبار</a> | <a href="contact.htm">اتصل بنا</a></td></tr>
<tr><td><h1>{a["title"]}</h1></td></tr>
<tr><td><font size="2" color="gray">{date_line}</font></td></tr>
{rows}
<tr><td><a href="print.htm">طباعة</a> | <a href="send.htm">أرسل لصديق</a></td></tr>
<tr><td><font size="1">جميع الحقوق محفوظة 2021</font></td></tr></table></body></html>
'''

def t_iso(a):
    rows = "\n".join(f"<p>{p}</p>" for p in a["paras"])
    return f'''<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6"><title>{a["title"]}</title></head>
<body><div><a href="/">الرئيسية</a> - <a href="/archive">الارشيف</a></div>
<h1>{a["title"]}</h1>
{rows}
<div><a href="/prev">الخبر السابق</a> | <a href="/next">الخبر التالي</a></div></body></html>
'''

def t_inline_readalso(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T15:00:00+03:00">'
    p = a["paras"]
    return head(a, extra=meta) + f'''<body><header><div class="logo">تلفزيون سوريا</div>{NAV}</header>
<section class="article-section"><h1>{a["title"]}</h1>
<div class="body-text">
<p>{p[0]}</p>
<p><strong>اقرأ أيضاً:</strong> <a href="/n/77">{RELATED[1]}</a></p>
<p>{p[1]}</p>
<p>{p[2]}</p>
</div>
<div class="tags"><a href="/t/1">إدلب</a> <a href="/t/2">روسيا</a></div>
</section><footer><p>© 2021 تلفزيون سوريا</p></footer></body></html>
'''

def t_jsonld(a):
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"], "datePublished": a["date"] + "T10:30:00+03:00"}, ensure_ascii=False)
    divs = "\n".join(f'<div class="paragraph">{p}</div>' for p in a["paras"])
    return head(a, extra=f'<script type="application/ld+json">{ld}</script>') + f'''<body><div class="top-bar">{NAV}</div>
<div class="container"><div class="row"><div class="col-main"><h1 class="headline">{a["title"]}</h1>
{divs}
</div><div class="col-side widget-area"><div class="widget"><h4>آخر الأخبار</h4>{related_list("أخبار عاجلة")}</div></div></div></div>
<div class="newsletter-box"><p>اشترك في النشرة البريدية ليصلك كل جديد</p></div></body></html>
'''

def t_comments_noclass(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}">'
    return head(a, extra=meta) + f'''<body><div>{NAV}</div><div><h1>{a["title"]}</h1>
{ps(a)}
<h3>التعليقات</h3>
{"".join(f"<div><b>زائر</b><p>{c}</p></div>" for c in COMMENTS)}
<p>أضف تعليقك وشارك برأيك في الموضوع المطروح أعلاه بعد تسجيل الدخول إلى حسابك في الموقع.</p>
</div></body></html>
'''

def t_subheading(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T07:00:00+03:00">'
    p = a["paras"]
    return head(a, extra=meta) + f'''<body><nav>{NAV}</nav><article><h1>{a["title"]}</h1>
<div class="article-content"><p>{p[0]}</p><h2>{p[1]}</h2><p>{p[2]}</p><p>{p[3]}</p></div>
<div class="social-share"><a href="#">شارك على فيسبوك</a> <a href="#">شارك على تويتر</a></div>
</article>{related_list("أخبار ذات صلة")}</body></html>
'''

def t_br(a):
    meta = f'<meta name="pubdate" content="{a["date"].replace("-", "")}"><meta property="article:published_time" content="{a["date"]}T05:00:00+03:00">'
    body = "<br/>\n<br/>\n".join(a["paras"])
    return head(a, extra=meta) + f'''<body><div id="menu">{NAV}</div><div class="post"><h1>{a["title"]}</h1>
<div class="content">{body}</div>
<p>تابعونا على فيسبوك وتلغرام</p></div></body></html>
'''

def t_figure(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T11:00:00Z">'
    p = a["paras"]
    return head(a, extra=meta) + f'''<body><header>{NAV}</header><main><article><h1>{a["title"]}</h1>
<figure><img src="/img/1.jpg" alt=""><figcaption>صورة أرشيفية لمحطة مياه علوك شرقي رأس العين</figcaption></figure>
<p>{p[0]}</p><p>{p[1]}</p>
<figure><img src="/img/2.jpg" alt=""><figcaption>أطفال يملؤون عبوات المياه في الحسكة</figcaption></figure>
<p>{p[2]}</p></article></main><footer>{NAV}</footer></body></html>
'''

def t_sidebar(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T18:00:00+03:00">'
    return head(a, extra=meta) + f'''<body><div class="wrapper"><div class="header-nav">{NAV}</div>
<div class="main"><div class="post-body"><h1>{a["title"]}</h1>{ps(a)}</div>
<div class="sidebar"><div class="widget"><h3>الأكثر قراءة</h3><p>{COMMENTS[0]}</p></div></div></div>
<div class="footer-bottom">سناك سوري 2021</div></div></body></html>
'''

def t_wordpress(a):
    meta = f'<meta property="article:published_time" content="{a["date"]}T13:00:00+02:00">'
    return head(a, extra=meta) + f'''<body class="single"><div id="page"><div id="masthead">{NAV}</div>
<div class="entry"><h1 class="entry-title">{a["title"]}</h1>
<div class="entry-meta">نشر في {a["date"]} بواسطة المحرر</div>
<div class="entry-content">{ps(a)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">شارك هذا المقال:</h3><ul><li><a href="#">تويتر</a></li><li><a href="#">فيسبوك</a></li></ul></div></div>
<nav class="post-navigation"><a href="/prev">المقال السابق</a><a href="/next">المقال التالي</a></nav>
<div id="respond"><h3>اترك تعليقاً</h3><p>لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p></div></div></div></body></html>
'''

def t_time_only(a):
    return head(a) + f'''<body><div class="nav">{NAV}</div><div class="news"><h1>{a["title"]}</h1>
<p class="date"><time datetime="{a["date"]}">{a["date"]}</time></p>
{ps(a)}
</div></body></html>
'''

def t_minimal(a):
    return f'''<html><head><title>{a["title"]}</title></head><body><h1>{a["title"]}</h1>
{ps(a)}
</body></html>
'''

TEMPLATES = {
 "jannah-deir-ezzor-clashes": t_jannah, "modon-bukamal-iran": t_modon, "enab-daraa-assassination": t_enab,
 "legacy-1256-hama-shelling": t_legacy, "iso88596-raqqa-arrests": t_iso, "inline-readalso-idlib": t_inline_readalso,
 "jsonld-aleppo-protest": t_jsonld, "comments-no-class-homs": t_comments_noclass, "subheading-lebanon-border": t_subheading,
 "br-separated-quneitra": t_br, "figure-caption-hasakah": t_figure, "sidebar-latakia-fire": t_sidebar,
 "yemen-hodeidah-airstrike": t_modon, "iraq-anbar-ied": t_wordpress, "libya-tripoli-clashes": t_jsonld,
 "gaza-protest-wordpress": t_wordpress, "tables-legacy-damascus": t_legacy, "time-only-suwayda": t_time_only,
 "minimal-html-jordan": t_minimal, "jannah-afrin-bombing": t_jannah,
}

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for a in ARTICLES:
        html = TEMPLATES[a["name"]](a)
        enc = a.get("encoding", "utf-8")
        ext = ".htm" if enc != "utf-8" else ".html"
        with open(os.path.join(here, a["name"] + ext), "wb") as f:
            f.write(html.encode(enc))
        expected = {"title": a["title"], "date": a["date"], "outlet": a["outlet"], "url": a["url"],
                    "encoding": {"utf-8": "UTF-8", "windows-1256": "windows-1256", "iso-8859-6": "ISO-8859-6"}[enc],
                    "text": "\n\n".join(a["paras"])}
        with open(os.path.join(here, a["name"] + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(len(ARTICLES), "pages")

if __name__ == "__main__":
    main()
