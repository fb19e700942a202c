// Generated plans for end-to-end tests and benchmarks (plan-file format, docs/plan-format.md).

const DAYS = 5;
const TRACKS = 4;
const PER_DAY = 15; // per track: 08:00–15:30 in 30-minute sessions
const KINDS = ['lecture', 'hands_on', 'observation', 'facility_tour', 'meeting'];

const pad = (n) => String(n).padStart(2, '0');

/** A 101-doctor course: 5 days × 4 tracks × 15 sessions = 300 items, plus a small visit. */
export function coursePlan() {
  const names = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
  const given = ['Văn An', 'Thị Bình', 'Minh Châu', 'Quốc Dũng', 'Thu Hà', 'Đức Huy', 'Ngọc Lan', 'Hữu Phúc', 'Thanh Tâm', 'Bảo Vy', 'Gia Khánh'];
  const members = Array.from({ length: 101 }, (_, i) => ({
    key: `m${String(i + 1).padStart(3, '0')}`,
    native_name: `${names[i % names.length]} ${given[i % given.length]} ${i + 1}`,
    precedence: i + 1,
  }));
  const subgroups = Array.from({ length: TRACKS }, (_, t) => ({
    key: `track-${t + 1}`,
    name: { ko: `${t + 1}트랙`, en: `Track ${t + 1}`, vi: `Nhóm ${t + 1}` },
    members: members.filter((_, i) => i % TRACKS === t).map((m) => m.key),
  }));
  const venues = Array.from({ length: TRACKS }, (_, t) => ({
    key: `room-${t + 1}`,
    site: 'main',
    name: { ko: `교육장 ${t + 1}`, en: `Training room ${t + 1}` },
    capacity: 40,
  }));
  const items = [];
  for (let d = 0; d < DAYS; d++) {
    const date = `2027-04-${pad(5 + d)}`;
    for (let t = 0; t < TRACKS; t++) {
      for (let s = 0; s < PER_DAY; s++) {
        const start = 8 * 60 + s * 30;
        const at = (m) => `${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+09:00`;
        items.push({
          key: `s-${d + 1}-${t + 1}-${pad(s + 1)}`,
          kind: KINDS[(s + t) % KINDS.length],
          title: { ko: `세션 ${d + 1}-${t + 1}-${s + 1}`, en: `Session ${d + 1}-${t + 1}-${s + 1}`, vi: `Buổi ${d + 1}-${t + 1}-${s + 1}` },
          start: at(start),
          end: at(start + 30),
          venue: `room-${t + 1}`,
          participants: { subgroups: [`track-${t + 1}`] },
          status: 'tentative',
        });
      }
    }
  }
  const base = {
    languages: ['vi'],
    timezone: 'Asia/Seoul',
    status: 'planned',
  };
  return {
    format: 'itinera-plan',
    version: 1,
    sites: [{ key: 'main', name: { ko: '본원', en: 'Main hospital' }, timezone: 'Asia/Seoul' }],
    venues,
    delegations: [
      {
        ...base,
        key: 'course-2027-04',
        name: { ko: '베트남 의사 연수 과정', en: 'Vietnamese doctors course', vi: 'Khóa đào tạo bác sĩ Việt Nam' },
        arrival: '2027-04-05T07:00:00+09:00',
        departure: '2027-04-09T20:00:00+09:00',
        subgroups,
        members,
        items,
      },
      {
        ...base,
        key: 'hue-2027-04',
        name: { ko: '후에 중앙병원 방문단', en: 'Hue Central Hospital visit', vi: 'Đoàn Bệnh viện Trung ương Huế' },
        arrival: '2027-04-06T07:00:00+09:00',
        departure: '2027-04-07T20:00:00+09:00',
        members: [{ key: 'hue-1', native_name: 'Phạm Như Hiệp', precedence: 1 }],
        items: [],
      },
    ],
  };
}

