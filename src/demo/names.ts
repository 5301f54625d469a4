/**
 * Chinese names for the fictional district, built from syllable lists: the street office, its
 * communities and villages, roads, companies, shops and people. Phone numbers are fake but keep the
 * mainland mobile shape 1xx-xxxx-xxxx. A `NameBook` remembers what it issued so names stay unique
 * within a tile.
 */
import type { Rng } from './rng.ts';

const PLACE = [...'青梅林岭华锦新东西南后前埔塘洋坑溪湖桥阳霞福泉安庆永宁凤龙宝丰和兴盛德源清玉金竹柳枫荣茂祥瑞嘉禾田园山浦港厝头坂美仑'];
const BRAND = [...'鑫源宏泰永盛华丰恒达利嘉晋兴协成鸿福顺发祥瑞益新豪隆安锦联合昌亿富'];
const SURNAMES = [...'陈林黄吴王张李蔡许洪郑庄施苏杨刘曾谢柯丁蒋颜龚洪卢'];
const GIVEN = [...'志明建国文华丽芳秀英伟强海燕春梅晓东家辉金水阿宝雅琴俊杰思远婷丽清河永福美玲振宇少鹏佳怡'];
const DIGITS = '零一二三四五六七八九';

/** Industries of the area (name used in company names, sector). */
export const INDUSTRIES = [
  ['鞋业', '鞋服'], ['服装', '鞋服'], ['卫生用品', '轻工'], ['纸品', '轻工'], ['树脂工艺品', '工艺品'],
  ['塑胶制品', '轻工'], ['五金制品', '机械'], ['食品', '食品'], ['包装材料', '轻工'], ['纺织', '纺织'],
  ['机械配件', '机械'], ['陶瓷', '建材'], ['石材', '建材'], ['电子', '电子'],
] as const;

/** Chinese numeral for 1..99 (一, 十二, 三十五). */
export function cnNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** Issues unique names within a tile from one random stream. */
export class NameBook {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  /** A fresh name: `make` is retried until it yields one not issued before (then numbered). */
  unique(make: () => string): string {
    for (let i = 0; i < 40; i++) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (this.used.has(`${base}${n}`)) n++;
    this.used.add(`${base}${n}`);
    return `${base}${n}`;
  }

  place(len = 2): string {
    let s = '';
    for (let i = 0; i < len; i++) s += this.rng.pick(PLACE);
    return s;
  }

  streetOffice(): string {
    return this.unique(() => `${this.place()}街道`);
  }

  community(village: boolean): string {
    return this.unique(() => `${this.place()}${village ? '村' : '社区'}`);
  }

  road(cls: 'arterial' | 'collector' | 'local'): string {
    const suffix = cls === 'arterial' ? this.rng.pick(['大道', '路']) : cls === 'collector' ? '路' : this.rng.pick(['街', '路', '街']);
    return this.unique(() => `${this.place()}${suffix}`);
  }

  /** A village lane such as 后林三巷 (numbered within the village). */
  lane(village: string, n: number): string {
    return this.unique(() => `${village.replace(/村$/, '')}${cnNumber(n)}巷`);
  }

  company(industry: string, kind: '有限公司' | '厂' | '加工厂' = '有限公司'): string {
    return this.unique(() => `${this.rng.pick(BRAND)}${this.rng.pick(BRAND)}${industry}${kind}`);
  }

  shop(suffix: string): string {
    return this.unique(() => `${this.rng.pick(BRAND)}${this.rng.pick(BRAND)}${suffix}`);
  }

  compound(): string {
    return this.unique(() => `${this.place()}${this.rng.pick(['花园', '小区', '新村', '家园', '苑', '华府'])}`);
  }

  person(): string {
    const given = this.rng.chance(0.7) ? `${this.rng.pick(GIVEN)}${this.rng.pick(GIVEN)}` : this.rng.pick(GIVEN);
    return `${this.rng.pick(SURNAMES)}${given}`;
  }

  /** A fake mobile number shaped 1xx-xxxx-xxxx. */
  phone(): string {
    const d = (n: number): string => Array.from({ length: n }, () => String(this.rng.int(0, 9))).join('');
    return `1${this.rng.pick(['35', '36', '37', '38', '39', '50', '58', '59', '77', '80', '88', '89'])}-${d(4)}-${d(4)}`;
  }
}
