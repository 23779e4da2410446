/**
 * Invented Thai place names for the demo provinces, built from common parts of real Thai place names
 * (หนอง "pond", โนน "mound", ห้วย "stream", บ้าน "village", ดอน "upland" … + บัว, สูง, ใหม่, ตูม …).
 * Each part carries a plain romanisation so an agency gets a website slug (nongbua → https://nongbua.go.th.example).
 * Any resemblance to a real place is a coincidence of the naming habit, not a reference.
 */
import type { Rng } from "./rng";

export interface PlaceName {
  /** Thai, e.g. "หนองบัว". */
  th: string;
  /** ASCII slug, e.g. "nongbua". */
  slug: string;
}

type Part = readonly [th: string, slug: string];

const HEADS: readonly Part[] = [
  ["หนอง", "nong"],
  ["โนน", "non"],
  ["ห้วย", "huai"],
  ["บ้าน", "ban"],
  ["ดอน", "don"],
  ["นา", "na"],
  ["โคก", "khok"],
  ["บึง", "bueng"],
  ["ท่า", "tha"],
  ["วัง", "wang"],
  ["ทุ่ง", "thung"],
  ["คำ", "kham"],
  ["ป่า", "pa"],
  ["สระ", "sa"],
  ["เขา", "khao"],
  ["ลำ", "lam"],
  ["กุด", "kut"],
  ["บ่อ", "bo"],
  ["หัวนา", "huana"],
  ["โพธิ์", "pho"],
];

const TAILS: readonly Part[] = [
  ["บัว", "bua"],
  ["สูง", "sung"],
  ["แถลง", "thalaeng"],
  ["ใหม่", "mai"],
  ["ตูม", "tum"],
  ["แดง", "daeng"],
  ["ขาม", "kham"],
  ["ยาง", "yang"],
  ["ไผ่", "phai"],
  ["จาน", "chan"],
  ["กลาง", "klang"],
  ["ทอง", "thong"],
  ["งาม", "ngam"],
  ["สะแก", "sakae"],
  ["เหล็ก", "lek"],
  ["ม่วง", "muang"],
  ["ตาล", "tan"],
  ["ค้อ", "kho"],
  ["หว้า", "wa"],
  ["มะค่า", "makha"],
  ["เต็ง", "teng"],
  ["หิน", "hin"],
  ["ทราย", "sai"],
  ["แก้ว", "kaeo"],
  ["เจริญ", "charoen"],
  ["พัฒนา", "phatthana"],
  ["ชัย", "chai"],
  ["สวรรค์", "sawan"],
  ["กุง", "kung"],
  ["เรือ", "ruea"],
  ["บอน", "bon"],
  ["แวง", "waeng"],
  ["สามัคคี", "samakkhi"],
  ["ศรีสุข", "sisuk"],
  ["กระทุ่ม", "krathum"],
  ["ตะเคียน", "takhian"],
  ["สำราญ", "samran"],
  ["ยาว", "yao"],
  ["เสือ", "suea"],
  ["ช้าง", "chang"],
];

/** Extra words that make a district name longer than a sub-district one (อำเภอหนองบัวทอง). */
const DISTRICT_TAILS: readonly Part[] = [
  ["ทอง", "thong"],
  ["ใต้", "tai"],
  ["เหนือ", "nuea"],
  ["พัฒนา", "phatthana"],
  ["ชัย", "chai"],
  ["ใหญ่", "yai"],
  ["น้อย", "noi"],
];

/** Every head × tail combination, in a fixed order (a few awkward pairs left out). */
function allPlaceNames(): PlaceName[] {
  const out: PlaceName[] = [];
  for (const [hth, hslug] of HEADS) {
    for (const [tth, tslug] of TAILS) {
      if (hth === tth || hslug === tslug) continue;
      out.push({ th: `${hth}${tth}`, slug: `${hslug}${tslug}` });
    }
  }
  return out;
}

/**
 * Draws unique place names: no Thai name and no slug is handed out twice by the same generator, so names
 * stay unique within a tenant and websites within the demo.
 */
export class PlaceNamePool {
  private readonly pool: PlaceName[];
  private readonly usedTh = new Set<string>();
  private readonly usedSlug = new Set<string>();

  constructor(rng: Rng) {
    this.pool = rng.shuffle(allPlaceNames());
  }

  /** Marks a name as taken (e.g. names already used by another tenant that should stay distinct). */
  reserve(name: PlaceName): void {
    this.usedTh.add(name.th);
    this.usedSlug.add(name.slug);
  }

  /** The next unused sub-district place name. */
  next(): PlaceName {
    for (;;) {
      const name = this.pool.pop();
      if (!name) throw new Error("PlaceNamePool: out of names");
      if (this.usedTh.has(name.th) || this.usedSlug.has(name.slug)) continue;
      this.reserve(name);
      return name;
    }
  }

  /** A district name: a place name, sometimes with an extra word (หนองบัว + ทอง). */
  nextDistrict(rng: Rng): PlaceName {
    const base = this.next();
    if (!rng.chance(0.4)) return base;
    const [tth, tslug] = rng.pick(DISTRICT_TAILS);
    if (base.th.endsWith(tth)) return base;
    const name = { th: `${base.th}${tth}`, slug: `${base.slug}${tslug}` };
    this.reserve(name);
    return name;
  }
}
