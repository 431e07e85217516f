import type { Mirror } from './mirror.js';

/**
 * The standard desk procedure (packages/risk-rules/procedures/, from table 2026.12.2 on): per rule,
 * what to ask the traveller, what to check and in which system, what the desk does at each alert
 * severity, and whom each party code means. A table names these keys; a change of wording is a
 * change of procedure, made under a new table version and its own keys.
 *
 * Questions are put to the traveller (`Anda`); a step states what to check, never a judgement.
 */
export const id = {
  'procedure.party.SHIFT_SUPERVISOR':
    'Supervisor jaga tempat pemeriksaan (Kepala Seksi / supervisor TPI), yang memutuskan keberangkatan yang ditahan untuk pemeriksaan lanjutan',
  'procedure.party.BP3MI':
    'BP3MI, kantor KP2MI di provinsi asal pelaku perjalanan untuk pelindungan pekerja migran',
  'procedure.party.KP2MI': 'Direktorat penempatan KP2MI (SISKOP2MI), untuk data penempatan dan izin P3MI',
  'procedure.party.SATGAS_TPPO':
    'Satgas TPPO (Polri), untuk dugaan perdagangan orang, perekrut, dan perekrutan ke kompleks penipuan daring',
  'procedure.party.ORIGIN_REGENCY':
    'Dinas tenaga kerja (Disnaker) kabupaten asal dan desa (Desa Migran Emas), untuk tindak lanjut di daerah asal',
  'procedure.party.KEMLU':
    'Direktorat Pelindungan WNI Kementerian Luar Negeri (Peduli WNI) dan perwakilan RI di negara tujuan',
  'procedure.party.DUKCAPIL':
    'Dukcapil kabupaten/kota NIK, untuk data kependudukan yang tidak sesuai dengan dokumen',
  'procedure.party.KANIM': 'Kantor imigrasi (Kanim) yang menerbitkan atau menolak paspor',
  'procedure.party.UPTD_PPA': 'UPTD PPA kabupaten/kota dan KPAI, untuk anak',

  'procedure.R01.ask.trip':
    'Apa tujuan perjalanan Anda, di mana Anda akan menginap, dan kapan Anda kembali? Minta tiket pulang dan pemesanan hotel atau alamat tuan rumah.',
  'procedure.R01.ask.offer':
    'Apakah ada yang menawari Anda pekerjaan di luar negeri, atau membayar tiket atau paspor Anda? Siapa, dan bagaimana Anda mengenalnya (media sosial, calo atau tekong di desa)?',
  'procedure.R01.check.placement':
    'SISKOP2MI: apakah NIK memiliki penempatan (ID PMI / kartu e-PMI) yang tidak disebutkan oleh pelaku perjalanan.',
  'procedure.R01.check.passport':
    'SIMKIM: tanggal terbit paspor dan tujuan yang dinyatakan pada permohonan paspor.',
  'procedure.R01.check.umrah':
    'Untuk umrah: izin PPIU penyelenggara perjalanan dan apakah pelaku perjalanan tercantum dalam manifes rombongannya.',
  'procedure.R01.MEDIUM':
    'Wawancarai di konter; rujuk ke pemeriksaan lanjutan bila jawaban tidak sesuai dengan perjalanan.',
  'procedure.R01.HIGH': 'Rujuk ke pemeriksaan lanjutan sebelum keberangkatan disetujui.',
  'procedure.R01.CRITICAL': 'Rujuk ke pemeriksaan lanjutan; supervisor jaga memutuskan keberangkatan.',

  'procedure.R02.ask.job':
    'Siapa yang menawarkan pekerjaan, pekerjaan apa (layanan pelanggan, pemasaran daring, kripto), dan berapa gaji yang dijanjikan?',
  'procedure.R02.ask.payer':
    'Siapa yang membayar tiket dan visa? Apakah ada yang menjemput Anda saat tiba atau bepergian bersama Anda?',
  'procedure.R02.check.employer':
    'Pemberi kerja dan perekrut yang disebut, dicocokkan dengan SISKOP2MI KP2MI: Kamboja, Myanmar, dan Laos tidak memiliki skema penempatan resmi untuk pekerja Indonesia.',
  'procedure.R02.check.watchlist':
    'Daftar pantau perekrut dan nomor telepon; pemesanan tiket sekali jalan atau transit melalui Bangkok atau Kuala Lumpur.',
  'procedure.R02.HIGH':
    'Rujuk ke pemeriksaan lanjutan dan jelaskan kepada pelaku perjalanan risiko kompleks penipuan daring.',
  'procedure.R02.CRITICAL':
    'Rujuk ke pemeriksaan lanjutan; tahan keberangkatan sampai supervisor jaga memutuskan.',

  'procedure.R03.ask.refusal':
    'Permohonan paspor Anda pernah ditolak atau ditunda: apa alasannya, dan mengapa Anda bepergian sekarang?',
  'procedure.R03.ask.helper': 'Siapa yang membantu Anda mendapatkan dokumen ini atau mengatur rute ini?',
  'procedure.R03.check.refusal':
    'SIMKIM: penolakan atau penundaan, kantornya, dan alasannya; apakah paspor atau PLB ini diterbitkan kantor lain sesudahnya.',
  'procedure.R03.check.placement': 'SISKOP2MI: apakah ada penempatan yang tercatat sesudah penolakan.',
  'procedure.R03.HIGH': 'Rujuk ke pemeriksaan lanjutan sebelum keberangkatan disetujui.',
  'procedure.R03.CRITICAL': 'Rujuk ke pemeriksaan lanjutan; supervisor jaga memutuskan keberangkatan.',

  'procedure.R04.ask.identity':
    'Pastikan nama, tanggal lahir, dan tempat lahir; minta KTP-el dan kartu keluarga (KK).',
  'procedure.R04.check.dukcapil':
    'Dukcapil: status NIK (aktif, meninggal, ganda) serta nama, tanggal lahir, dan jenis kelamin yang tercatat, dicocokkan dengan dokumen.',
  'procedure.R04.check.document':
    'Dokumen: tanda-tanda pemalsuan; tanggal lahir dan jenis kelamin yang terkandung dalam NIK, dicocokkan dengan pelaku perjalanan.',
  'procedure.R04.HIGH': 'Verifikasi identitas di pemeriksaan lanjutan sebelum keberangkatan disetujui.',
  'procedure.R04.CRITICAL':
    'Tahan keberangkatan sampai identitas terverifikasi; amankan dokumen bila dokumen itu palsu.',

  'procedure.R05.ask.passports':
    'Mengapa Anda baru-baru ini beberapa kali mengajukan paspor atau melaporkan paspor hilang? Di mana paspor-paspor sebelumnya?',
  'procedure.R05.check.applications':
    'SIMKIM: setiap permohonan dan laporan paspor hilang atas NIK ini, dan NIK lain yang tercatat dengan nomor paspor yang sama.',
  'procedure.R05.MEDIUM': 'Verifikasi identitas dan wawancarai di konter.',
  'procedure.R05.HIGH': 'Rujuk ke pemeriksaan lanjutan untuk verifikasi identitas.',
  'procedure.R05.CRITICAL': 'Rujuk ke pemeriksaan lanjutan; supervisor jaga memutuskan keberangkatan.',

  'procedure.R06.ask.placement':
    'Ke negara dan pemberi kerja mana Anda pergi, dan melalui P3MI mana? Apakah Anda sudah mengikuti orientasi pra-pemberangkatan (OPP)?',
  'procedure.R06.check.placement':
    'SISKOP2MI: negara tujuan, tempat pemeriksaan, dan tanggal keberangkatan penempatan, izin P3MI, dan kartu e-PMI.',
  'procedure.R06.HIGH':
    'Rujuk ke pemeriksaan lanjutan; pekerja yang ditempatkan hanya berangkat sesuai data penempatannya.',
  'procedure.R06.CRITICAL': 'Tahan keberangkatan sampai supervisor jaga dan KP2MI memastikan penempatannya.',

  'procedure.R07.ask.guardian':
    'Di mana orang tua atau wali Anda? Siapa yang membawa Anda, dan di mana Anda akan tinggal? (Bicaralah dengan anak terpisah dari orang dewasa yang mendampinginya.)',
  'procedure.R07.check.consent':
    'Pemesanan atas nama kerabat dewasa dalam perjalanan yang sama; surat izin orang tua; kartu keluarga (KK) di Dukcapil untuk orang dewasa yang mendampingi.',
  'procedure.R07.MEDIUM':
    'Bicaralah dengan anak terpisah dari orang dewasa; minta izin tertulis orang tua dan cocokkan orang dewasa itu dengan kartu keluarga (KK) anak di Dukcapil. Setujui keberangkatan hanya bila izin dan hubungan keluarganya sesuai; bila tidak, rujuk ke pemeriksaan lanjutan.',
  'procedure.R07.HIGH':
    'Rujuk anak ke pemeriksaan lanjutan; pastikan izin orang tua melalui telepon lewat Dukcapil kabupaten asal sebelum keberangkatan disetujui.',
  'procedure.R07.CRITICAL':
    'Jangan setujui keberangkatan anak; rujuk ke pemeriksaan lanjutan dan jaga anak dalam pengawasan petugas sampai wali atau UPTD PPA datang.',

  'procedure.R08.ask.organiser':
    'Siapa yang mengatur dan membayar perjalanan ini? Apakah Anda mengenal orang lain dalam pemesanan yang sama? Apakah Anda dijanjikan pekerjaan?',
  'procedure.R08.check.group':
    'Pemesanan atau sponsor yang sama dengan pelaku perjalanan lain, kabupaten asal mereka, dan peringatan sebelumnya atas sponsor yang sama.',
  'procedure.R08.check.placement': 'SISKOP2MI: apakah ada anggota rombongan yang memiliki penempatan.',
  'procedure.R08.HIGH':
    'Rujuk rombongan ke pemeriksaan lanjutan dan wawancarai setiap pelaku perjalanan secara terpisah.',
  'procedure.R08.CRITICAL':
    'Tahan keberangkatan rombongan sampai supervisor jaga memutuskan; laporkan sponsornya kepada Satgas TPPO.',

  'procedure.R09.ask.recruiter':
    'Bagaimana Anda mengenal sponsor, perekrut, atau perusahaan yang disebut? Apa yang mereka janjikan, dan berapa yang Anda bayar kepada mereka?',
  'procedure.R09.check.watchlist':
    'Entri daftar pantau yang cocok (nama, telepon, rekening) dan status izin perusahaan penempatan (P3MI) di KP2MI.',
  'procedure.R09.HIGH':
    'Rujuk ke pemeriksaan lanjutan; catat data perekrut yang disampaikan pelaku perjalanan.',
  'procedure.R09.CRITICAL':
    'Tahan keberangkatan sampai supervisor jaga memutuskan; segera laporkan perekrut kepada Satgas TPPO.',

  'procedure.R10.ask.crossing':
    'Apa tujuan Anda melintas, ke mana Anda pergi di Malaysia, dan kapan Anda kembali? Apakah ada yang menunggu Anda di seberang perbatasan?',
  'procedure.R10.check.crossings':
    'SIMKIM: perlintasan dan kepulangan pelaku perjalanan sebelumnya; apakah PLB diterbitkan untuk wilayah perbatasan ini.',
  'procedure.R10.check.placement':
    'SISKOP2MI: penempatan untuk pekerjaan perkebunan atau rumah tangga di Sarawak atau Sabah.',
  'procedure.R10.MEDIUM':
    'Wawancarai di konter; kabupaten asal menindaklanjuti bila pelaku perjalanan tidak kembali.',
  'procedure.R10.HIGH': 'Rujuk ke pemeriksaan lanjutan.',
  'procedure.R10.CRITICAL': 'Rujuk ke pemeriksaan lanjutan; supervisor jaga memutuskan perlintasan.',

  'procedure.R11.ask.family':
    'Kepada keluarga atau pendamping di meja: kapan terakhir Anda mendapat kabar dari orang yang berada di luar negeri, dan siapa yang mengatur keberangkatannya?',
  'procedure.R11.check.report':
    'Peduli WNI: laporan di luar negeri (kategori, negara, kasus di perwakilan RI) dan apakah orang itu memiliki penempatan di SISKOP2MI.',
  'procedure.R11.check.companions':
    'Pendamping yang disebut dalam laporan: pemesanan atau sponsor yang sama dengan orang yang berada di luar negeri.',
  'procedure.R11.CRITICAL':
    'Buka kasus pendampingan WNI bersama perwakilan RI; rujuk pendamping yang disebut dalam laporan ke pemeriksaan lanjutan.',

  'procedure.R12.ask.return':
    'Anda baru-baru ini dipulangkan atau dideportasi: mengapa Anda bepergian lagi, siapa yang mengaturnya, dan apakah pemberi kerja atau perekrutnya sama?',
  'procedure.R12.check.case':
    'Peduli WNI dan SIMKIM: kasus sebelumnya, kategori, dan tanggalnya; SISKOP2MI untuk penempatan baru.',
  'procedure.R12.HIGH': 'Rujuk ke pemeriksaan lanjutan dan tawarkan pendampingan.',
  'procedure.R12.CRITICAL': 'Rujuk ke pemeriksaan lanjutan; supervisor jaga memutuskan keberangkatan.',
} as const;

export const en: Mirror<typeof id> = {
  'procedure.party.SHIFT_SUPERVISOR':
    "The checkpoint's shift supervisor (Kepala Seksi / supervisor TPI), who decides on a departure held for secondary inspection",
  'procedure.party.BP3MI':
    "BP3MI, KP2MI's provincial office for migrant-worker protection, of the traveller's origin province",
  'procedure.party.KP2MI':
    "KP2MI's directorate of placement (SISKOP2MI), for placement records and P3MI licences",
  'procedure.party.SATGAS_TPPO':
    'The TPPO task force (Satgas TPPO, police), for suspected trafficking, recruiters and scam-compound recruitment',
  'procedure.party.ORIGIN_REGENCY':
    "The origin regency's manpower office (Disnaker) and village (Desa Migran Emas), for follow-up at home",
  'procedure.party.KEMLU':
    "The foreign ministry's citizen-protection directorate (Peduli WNI), and the embassy in the destination",
  'procedure.party.DUKCAPIL':
    "Dukcapil of the NIK's regency, for identity records that contradict the document",
  'procedure.party.KANIM': 'The immigration office (Kanim) that issued or refused the passport',
  'procedure.party.UPTD_PPA':
    "The regency's child and women protection unit (UPTD PPA) and KPAI, for a minor",

  'procedure.R01.ask.trip':
    'What is the purpose of the trip, where will you stay, and when do you return? Ask to see the return ticket and the hotel or host booking.',
  'procedure.R01.ask.offer':
    'Has anyone offered you a job abroad, or paid for your ticket or passport? Who, and how did you meet them (social media, a calo or tekong in the village)?',
  'procedure.R01.check.placement':
    'SISKOP2MI: whether the NIK has a placement (ID PMI / e-PMI card) that the traveller does not declare.',
  'procedure.R01.check.passport':
    "SIMKIM: the passport's issue date and the purpose declared on the passport application.",
  'procedure.R01.check.umrah':
    "For umrah: the travel organiser's PPIU licence and whether the traveller is on its group manifest.",
  'procedure.R01.MEDIUM':
    'Interview at the counter; refer to secondary inspection if the answers do not match the trip.',
  'procedure.R01.HIGH': 'Refer to secondary inspection before clearance.',
  'procedure.R01.CRITICAL': 'Refer to secondary inspection; the shift supervisor decides on the departure.',

  'procedure.R02.ask.job':
    'Who offered you the job, what work is it (customer service, online marketing, crypto), and what salary was promised?',
  'procedure.R02.ask.payer':
    'Who paid for the ticket and the visa? Is anyone meeting you on arrival or travelling with you?',
  'procedure.R02.check.employer':
    "The employer and recruiter named, against KP2MI's SISKOP2MI: Cambodia, Myanmar and Laos have no legal placement scheme for Indonesian workers.",
  'procedure.R02.check.watchlist':
    'The watchlist of recruiters and phone numbers; the booking for a one-way ticket or a transit through Bangkok or Kuala Lumpur.',
  'procedure.R02.HIGH':
    'Refer to secondary inspection and explain the online-scam compound risk to the traveller.',
  'procedure.R02.CRITICAL':
    "Refer to secondary inspection; hold the departure for the shift supervisor's decision.",

  'procedure.R03.ask.refusal':
    'Your passport application was refused or deferred: what was the reason, and why do you travel now?',
  'procedure.R03.ask.helper': 'Who helped you get this document or arranged this route?',
  'procedure.R03.check.refusal':
    'SIMKIM: the refusal or deferral, the office and the reason; whether this passport or PLB was issued by another office since.',
  'procedure.R03.check.placement': 'SISKOP2MI: whether a placement was recorded since the refusal.',
  'procedure.R03.HIGH': 'Refer to secondary inspection before clearance.',
  'procedure.R03.CRITICAL': 'Refer to secondary inspection; the shift supervisor decides on the departure.',

  'procedure.R04.ask.identity':
    'Confirm the name, date and place of birth; ask for the KTP-el and the family card (KK).',
  'procedure.R04.check.dukcapil':
    "Dukcapil: the NIK's status (active, deceased, duplicate) and the recorded name, birth date and sex against the document.",
  'procedure.R04.check.document':
    "The document: signs of forgery; the NIK's encoded birth date and sex against the traveller.",
  'procedure.R04.HIGH': 'Verify identity in secondary inspection before clearance.',
  'procedure.R04.CRITICAL':
    'Hold the departure until identity is verified; keep the document if it is forged.',

  'procedure.R05.ask.passports':
    'Why were several passports applied for or reported lost recently? Where are the earlier passports?',
  'procedure.R05.check.applications':
    'SIMKIM: every application and lost-passport report for the NIK, and any other NIK recorded with the same passport number.',
  'procedure.R05.MEDIUM': 'Verify identity and interview at the counter.',
  'procedure.R05.HIGH': 'Refer to secondary inspection to verify identity.',
  'procedure.R05.CRITICAL': 'Refer to secondary inspection; the shift supervisor decides on the departure.',

  'procedure.R06.ask.placement':
    'Which country and employer are you going to, and through which P3MI? Have you finished the pre-departure training (OPP)?',
  'procedure.R06.check.placement':
    "SISKOP2MI: the placement's destination, checkpoint and departure date, the P3MI's licence, and the e-PMI card.",
  'procedure.R06.HIGH': 'Refer to secondary inspection; a placed worker leaves only as the placement says.',
  'procedure.R06.CRITICAL': 'Hold the departure for the shift supervisor and KP2MI to confirm the placement.',

  'procedure.R07.ask.guardian':
    'Where are your parents or guardian? Who is taking you, and where will you stay? (Speak to the child apart from the adult accompanying them.)',
  'procedure.R07.check.consent':
    "The booking for an adult relative on the same trip; a parental consent letter; Dukcapil's family card (KK) for the accompanying adult.",
  'procedure.R07.MEDIUM':
    "Speak to the child apart from the adult; ask for the parents' written consent and check the adult against the child's family card (KK) in Dukcapil. Clear only when the consent and the relationship hold; otherwise refer to secondary inspection.",
  'procedure.R07.HIGH':
    "Refer the child to secondary inspection; verify the parents' consent by telephone through the origin regency's Dukcapil before clearing.",
  'procedure.R07.CRITICAL':
    "Do not clear the minor; refer to secondary inspection and keep the child in the officers' care until the guardian or UPTD PPA arrives.",

  'procedure.R08.ask.organiser':
    'Who organised the trip and paid for it? Do you know the others on the booking? Were you promised work?',
  'procedure.R08.check.group':
    'The booking or sponsor shared with the other travellers, their origin regency, and earlier alerts on the same sponsor.',
  'procedure.R08.check.placement': 'SISKOP2MI: whether any of the group has a placement.',
  'procedure.R08.HIGH': 'Refer the group to secondary inspection and interview each traveller separately.',
  'procedure.R08.CRITICAL':
    "Hold the group's departure for the shift supervisor; report the sponsor to the TPPO task force.",

  'procedure.R09.ask.recruiter':
    'How do you know the sponsor, recruiter or company named? What did they promise, and what did you pay them?',
  'procedure.R09.check.watchlist':
    "The watchlist entry that matched (name, phone, account) and KP2MI's licence status of the placement company (P3MI).",
  'procedure.R09.HIGH': "Refer to secondary inspection; record the recruiter's details the traveller gives.",
  'procedure.R09.CRITICAL':
    'Hold the departure for the shift supervisor; report the recruiter to the TPPO task force at once.',

  'procedure.R10.ask.crossing':
    'What is the purpose of crossing, where in Malaysia are you going, and when do you return? Is someone waiting across the border?',
  'procedure.R10.check.crossings':
    "SIMKIM: the traveller's earlier crossings and returns; whether the PLB was issued for this border area.",
  'procedure.R10.check.placement':
    'SISKOP2MI: a placement for plantation or domestic work in Sarawak or Sabah.',
  'procedure.R10.MEDIUM':
    'Interview at the counter; the origin regency follows up if the traveller does not return.',
  'procedure.R10.HIGH': 'Refer to secondary inspection.',
  'procedure.R10.CRITICAL': 'Refer to secondary inspection; the shift supervisor decides on the crossing.',

  'procedure.R11.ask.family':
    'For the family or companions at the desk: when did you last hear from the person abroad, and who arranged their departure?',
  'procedure.R11.check.report':
    'Peduli WNI: the report abroad (category, country, embassy case) and whether the person has a placement in SISKOP2MI.',
  'procedure.R11.check.companions':
    'Companions named by the report: the booking or sponsor they shared with the person abroad.',
  'procedure.R11.CRITICAL':
    'Open a support case for the citizen with the embassy; refer any companion named by the report at the desk to secondary inspection.',

  'procedure.R12.ask.return':
    'You were repatriated or deported recently: why do you travel again, who arranged it, and is it the same employer or recruiter?',
  'procedure.R12.check.case':
    'Peduli WNI and SIMKIM: the earlier case, its category and date; SISKOP2MI for a new placement.',
  'procedure.R12.HIGH': 'Refer to secondary inspection and offer support.',
  'procedure.R12.CRITICAL': 'Refer to secondary inspection; the shift supervisor decides on the departure.',
};
