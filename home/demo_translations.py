"""Translations of the home app's demo content, written for the demo (not machine output).

Keys are the English source strings as wagtail-localize extracts them. Arabic slugs are
Latin on purpose: see docs/architecture.md ("Arabic URLs").
"""

TRANSLATIONS = {
    "fr": {
        "Home": "Accueil",
        "home": "accueil",
        "Local governments working together on social inclusion, participatory democracy, "
        "human rights and migration.": "Des gouvernements locaux qui agissent ensemble pour l'inclusion sociale, la démocratie "
        "participative, les droits humains et les migrations.",
        "Cities for inclusion, participation and human rights": "Des villes pour l'inclusion, la participation et les droits humains",
        "Local governments of a world network share knowledge, build policy and speak together "
        "for welcoming cities and the right to the city for all.": "Les gouvernements locaux d'un réseau mondial partagent leurs connaissances, construisent "
        "des politiques et parlent d'une même voix pour des villes accueillantes et le droit à "
        "la ville pour tous et toutes.",
        "Get to know the committee": "Découvrir la Commission",
        "About the committee": "À propos de la Commission",
        "about": "a-propos",
        "Who we are: local governments working together on social inclusion, participatory "
        "democracy and human rights.": "Qui sommes-nous : des gouvernements locaux qui agissent ensemble pour l'inclusion "
        "sociale, la démocratie participative et les droits humains.",
        "The committee brings together local governments of a world network of cities and regions "
        "to share knowledge and shape policy on social inclusion, participatory democracy, human "
        "rights and migration.": "La Commission rassemble les gouvernements locaux d'un réseau mondial de villes et de "
        "régions pour partager leurs connaissances et orienter les politiques d'inclusion "
        "sociale, de démocratie participative, de droits humains et de migrations.",
        "Our members are cities, regions and associations of local governments from every "
        "continent. They meet in peer-learning events and policy debates, write action plans "
        "together and speak with one voice in global processes.": "Nos membres sont des villes, des régions et des associations de gouvernements locaux "
        "de tous les continents. Ils se retrouvent lors d'événements d'apprentissage entre pairs "
        "et de débats politiques, rédigent ensemble des plans d'action et parlent d'une seule "
        "voix dans les processus mondiaux.",
        "We work in English, French, Spanish and Arabic, so that every local government can take "
        "part in its own language.": "Nous travaillons en anglais, en français, en espagnol et en arabe, pour que chaque "
        "gouvernement local puisse participer dans sa propre langue.",
        "The right to the city is the right of every inhabitant to shape the place where they "
        "live.": "Le droit à la ville est le droit de chaque habitant et habitante de façonner le lieu "
        "où il ou elle vit.",
        "The committee's co-presidency": "La coprésidence de la Commission",
        "Legal notice": "Mentions légales",
        "legal-notice": "mentions-legales",
        "Who publishes this website and under which terms.": "Qui publie ce site et à quelles conditions.",
        "This website is published by the committee's secretariat on behalf of its member local "
        "governments.": "Ce site est publié par le secrétariat de la Commission au nom des gouvernements locaux "
        "qui en sont membres.",
        "Texts published on this website may be reproduced for non-commercial purposes, provided "
        "the source is cited.": "Les textes publiés sur ce site peuvent être reproduits à des fins non commerciales, à "
        "condition d'en citer la source.",
        "Photographs and logos remain the property of their authors and may not be reused "
        "without their permission.": "Les photographies et les logos restent la propriété de leurs auteurs et ne peuvent être "
        "réutilisés sans leur autorisation.",
        "Privacy": "Confidentialité",
        "privacy": "confidentialite",
        "What personal data this website collects, why, and your rights.": "Quelles données personnelles ce site recueille, pourquoi, et quels sont vos droits.",
        "We collect as little personal data as we can, and never sell or share it for "
        "advertising.": "Nous recueillons le moins de données personnelles possible et ne les vendons ni ne les "
        "partageons jamais à des fins publicitaires.",
        "This website uses no advertising, no tracking and no third-party scripts. Public pages "
        "set no cookies.": "Ce site n'utilise ni publicité, ni traçage, ni scripts de tiers. Les pages publiques "
        "ne déposent aucun cookie.",
        "When a local government endorses a campaign, we keep the contact details it gives us to "
        "confirm the endorsement and to inform it about the campaign. Only the name of the "
        "organisation, its city and its country are published, and only with its consent.": "Lorsqu'un gouvernement local soutient une campagne, nous conservons les coordonnées "
        "qu'il nous donne pour confirmer son soutien et l'informer de la campagne. Seuls le nom "
        "de l'organisation, sa ville et son pays sont publiés, et uniquement avec son accord.",
        "You may ask to see, correct or delete your data at any time by writing to the "
        "secretariat.": "Vous pouvez à tout moment demander à consulter, corriger ou supprimer vos données en "
        "écrivant au secrétariat.",
        "A committee of a world network of local governments, working for social inclusion, "
        "participatory democracy and human rights.": "Une commission d'un réseau mondial de gouvernements locaux, au service de l'inclusion "
        "sociale, de la démocratie participative et des droits humains.",
    },
    "es": {
        "Home": "Inicio",
        "home": "inicio",
        "Local governments working together on social inclusion, participatory democracy, "
        "human rights and migration.": "Gobiernos locales que trabajan juntos por la inclusión social, la democracia "
        "participativa, los derechos humanos y las migraciones.",
        "Cities for inclusion, participation and human rights": "Ciudades por la inclusión, la participación y los derechos humanos",
        "Local governments of a world network share knowledge, build policy and speak together "
        "for welcoming cities and the right to the city for all.": "Los gobiernos locales de una red mundial comparten conocimientos, construyen políticas "
        "y hablan con una sola voz por ciudades acogedoras y el derecho a la ciudad para todas "
        "y todos.",
        "Get to know the committee": "Conozca la Comisión",
        "About the committee": "Acerca de la Comisión",
        "about": "acerca-de",
        "Who we are: local governments working together on social inclusion, participatory "
        "democracy and human rights.": "Quiénes somos: gobiernos locales que trabajan juntos por la inclusión social, la "
        "democracia participativa y los derechos humanos.",
        "The committee brings together local governments of a world network of cities and regions "
        "to share knowledge and shape policy on social inclusion, participatory democracy, human "
        "rights and migration.": "La Comisión reúne a gobiernos locales de una red mundial de ciudades y regiones para "
        "compartir conocimientos y orientar las políticas de inclusión social, democracia "
        "participativa, derechos humanos y migraciones.",
        "Our members are cities, regions and associations of local governments from every "
        "continent. They meet in peer-learning events and policy debates, write action plans "
        "together and speak with one voice in global processes.": "Nuestros miembros son ciudades, regiones y asociaciones de gobiernos locales de todos "
        "los continentes. Se encuentran en eventos de aprendizaje entre pares y debates "
        "políticos, redactan juntos planes de acción y hablan con una sola voz en los procesos "
        "mundiales.",
        "We work in English, French, Spanish and Arabic, so that every local government can take "
        "part in its own language.": "Trabajamos en inglés, francés, español y árabe, para que cada gobierno local pueda "
        "participar en su propio idioma.",
        "The right to the city is the right of every inhabitant to shape the place where they "
        "live.": "El derecho a la ciudad es el derecho de cada habitante a dar forma al lugar donde vive.",
        "The committee's co-presidency": "La copresidencia de la Comisión",
        "Legal notice": "Aviso legal",
        "legal-notice": "aviso-legal",
        "Who publishes this website and under which terms.": "Quién publica este sitio web y en qué condiciones.",
        "This website is published by the committee's secretariat on behalf of its member local "
        "governments.": "Este sitio web es publicado por la secretaría de la Comisión en nombre de los gobiernos "
        "locales que la integran.",
        "Texts published on this website may be reproduced for non-commercial purposes, provided "
        "the source is cited.": "Los textos publicados en este sitio pueden reproducirse con fines no comerciales, "
        "siempre que se cite la fuente.",
        "Photographs and logos remain the property of their authors and may not be reused "
        "without their permission.": "Las fotografías y los logotipos siguen siendo propiedad de sus autores y no pueden "
        "reutilizarse sin su permiso.",
        "Privacy": "Privacidad",
        "privacy": "privacidad",
        "What personal data this website collects, why, and your rights.": "Qué datos personales recoge este sitio, por qué y cuáles son sus derechos.",
        "We collect as little personal data as we can, and never sell or share it for "
        "advertising.": "Recogemos los menos datos personales posibles y nunca los vendemos ni los compartimos "
        "con fines publicitarios.",
        "This website uses no advertising, no tracking and no third-party scripts. Public pages "
        "set no cookies.": "Este sitio no utiliza publicidad, ni seguimiento, ni scripts de terceros. Las páginas "
        "públicas no instalan cookies.",
        "When a local government endorses a campaign, we keep the contact details it gives us to "
        "confirm the endorsement and to inform it about the campaign. Only the name of the "
        "organisation, its city and its country are published, and only with its consent.": "Cuando un gobierno local se adhiere a una campaña, conservamos los datos de contacto "
        "que nos facilita para confirmar su adhesión e informarle sobre la campaña. Solo se "
        "publican el nombre de la organización, su ciudad y su país, y únicamente con su "
        "consentimiento.",
        "You may ask to see, correct or delete your data at any time by writing to the "
        "secretariat.": "Puede solicitar en cualquier momento consultar, corregir o suprimir sus datos "
        "escribiendo a la secretaría.",
        "A committee of a world network of local governments, working for social inclusion, "
        "participatory democracy and human rights.": "Una comisión de una red mundial de gobiernos locales, al servicio de la inclusión "
        "social, la democracia participativa y los derechos humanos.",
    },
    "ar": {
        "Home": "الصفحة الرئيسية",
        "home": "home-ar",
        "Local governments working together on social inclusion, participatory democracy, "
        "human rights and migration.": "حكومات محلية تعمل معًا من أجل الإدماج الاجتماعي والديمقراطية التشاركية وحقوق "
        "الإنسان والهجرة.",
        "Cities for inclusion, participation and human rights": "مدن من أجل الإدماج والمشاركة وحقوق الإنسان",
        "Local governments of a world network share knowledge, build policy and speak together "
        "for welcoming cities and the right to the city for all.": "تتبادل الحكومات المحلية في شبكة عالمية المعارف، وتبني السياسات، وتتحدث بصوت واحد من "
        "أجل مدن مضيافة والحق في المدينة للجميع.",
        "Get to know the committee": "تعرّفوا على اللجنة",
        "About the committee": "عن اللجنة",
        "about": "about",
        "Who we are: local governments working together on social inclusion, participatory "
        "democracy and human rights.": "من نحن: حكومات محلية تعمل معًا من أجل الإدماج الاجتماعي والديمقراطية التشاركية "
        "وحقوق الإنسان.",
        "The committee brings together local governments of a world network of cities and regions "
        "to share knowledge and shape policy on social inclusion, participatory democracy, human "
        "rights and migration.": "تجمع اللجنة الحكومات المحلية في شبكة عالمية من المدن والأقاليم لتبادل المعارف وصياغة "
        "السياسات في مجالات الإدماج الاجتماعي والديمقراطية التشاركية وحقوق الإنسان والهجرة.",
        "Our members are cities, regions and associations of local governments from every "
        "continent. They meet in peer-learning events and policy debates, write action plans "
        "together and speak with one voice in global processes.": "أعضاؤنا مدن وأقاليم وجمعيات للحكومات المحلية من جميع القارات. يلتقون في فعاليات "
        "للتعلّم بين الأقران وفي نقاشات سياسية، ويكتبون خطط العمل معًا، ويتحدثون بصوت واحد في "
        "المسارات العالمية.",
        "We work in English, French, Spanish and Arabic, so that every local government can take "
        "part in its own language.": "نعمل بالإنجليزية والفرنسية والإسبانية والعربية، حتى تتمكن كل حكومة محلية من المشاركة "
        "بلغتها.",
        "The right to the city is the right of every inhabitant to shape the place where they "
        "live.": "الحق في المدينة هو حق كل ساكن وساكنة في تشكيل المكان الذي يعيشان فيه.",
        "The committee's co-presidency": "الرئاسة المشتركة للجنة",
        "Legal notice": "إشعار قانوني",
        "legal-notice": "legal-notice",
        "Who publishes this website and under which terms.": "من ينشر هذا الموقع وبأي شروط.",
        "This website is published by the committee's secretariat on behalf of its member local "
        "governments.": "تنشر هذا الموقع أمانة اللجنة نيابة عن الحكومات المحلية الأعضاء فيها.",
        "Texts published on this website may be reproduced for non-commercial purposes, provided "
        "the source is cited.": "يجوز نسخ النصوص المنشورة على هذا الموقع لأغراض غير تجارية، شريطة ذكر المصدر.",
        "Photographs and logos remain the property of their authors and may not be reused "
        "without their permission.": "تبقى الصور والشعارات ملكًا لأصحابها، ولا يجوز إعادة استخدامها دون إذنهم.",
        "Privacy": "الخصوصية",
        "privacy": "privacy",
        "What personal data this website collects, why, and your rights.": "ما البيانات الشخصية التي يجمعها هذا الموقع، ولماذا، وما حقوقكم.",
        "We collect as little personal data as we can, and never sell or share it for "
        "advertising.": "نجمع أقل قدر ممكن من البيانات الشخصية، ولا نبيعها ولا نشاركها أبدًا لأغراض إعلانية.",
        "This website uses no advertising, no tracking and no third-party scripts. Public pages "
        "set no cookies.": "لا يستخدم هذا الموقع أي إعلانات أو تتبّع أو نصوص برمجية من أطراف ثالثة. ولا تضع "
        "الصفحات العامة أي ملفات تعريف ارتباط.",
        "When a local government endorses a campaign, we keep the contact details it gives us to "
        "confirm the endorsement and to inform it about the campaign. Only the name of the "
        "organisation, its city and its country are published, and only with its consent.": "عندما تؤيد حكومة محلية حملة ما، نحتفظ ببيانات الاتصال التي تقدمها لنا لتأكيد "
        "التأييد وإبلاغها بمستجدات الحملة. ولا يُنشر إلا اسم المنظمة ومدينتها وبلدها، "
        "وبموافقتها فقط.",
        "You may ask to see, correct or delete your data at any time by writing to the "
        "secretariat.": "يمكنكم في أي وقت طلب الاطلاع على بياناتكم أو تصحيحها أو حذفها بمراسلة الأمانة.",
        "A committee of a world network of local governments, working for social inclusion, "
        "participatory democracy and human rights.": "لجنة ضمن شبكة عالمية للحكومات المحلية، تعمل من أجل الإدماج الاجتماعي والديمقراطية "
        "التشاركية وحقوق الإنسان.",
    },
}
