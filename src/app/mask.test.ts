import { describe, expect, it } from 'vitest';
import { KINDS } from '../sources/contract/index.ts';
import { isPersonalField, looksLikePhone, maskName, maskPersonal, maskPhone } from './mask.ts';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧阳**'],
    ['司马相如', '司马**'],
    ['阿依古丽·买买提', '阿依******'],
    ['李', '*'],
    ['  张三 ', '张*'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps only the first letter of a Latin name, whatever its length', () => {
    expect(maskName('John Smith')).toBe('J***');
    expect(maskName('Li')).toBe('L***');
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+8613812345678', '+86 138****5678'],
    ['0595-12345678', '0595-****5678'],
    ['0595 2234567', '0595 ****4567'],
    ['010-87654321', '010-****4321'],
    ['059512345678', '0595-****5678'],
    ['02112345678', '021-****5678'],
    ['0595-12345678-808', '0595-****5678'],
    ['12345', '***45'],
    ['119', '*19'],
    ['7', '7'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('looksLikePhone', () => {
  it('tells numbers from names', () => {
    expect(looksLikePhone('0595-12345678')).toBe(true);
    expect(looksLikePhone('138 1234 5678')).toBe(true);
    expect(looksLikePhone('张三')).toBe(false);
    expect(looksLikePhone('119')).toBe(false);
  });
});

describe('maskPersonal', () => {
  const principal = KINDS.premises.fields.principal;
  const phone = KINDS.premises.fields.phone;
  const address = KINDS.premises.fields.address;

  it('masks only fields the contract flags personal', () => {
    expect(maskPersonal('张三', principal)).toBe('张*');
    expect(maskPersonal('13812345678', phone)).toBe('138****5678');
    expect(maskPersonal('锦和路 12 号', address)).toBe('锦和路 12 号');
    expect(maskPersonal('张三', undefined)).toBe('张三');
  });

  it('accepts any row that carries the flag', () => {
    expect(maskPersonal('王小明', { personal: true })).toBe('王**');
    expect(maskPersonal('王小明', { personal: false })).toBe('王小明');
  });

  it('masks each person or number in a list, keeping the separators', () => {
    expect(maskPersonal('张三、李四', KINDS.grids.fields.worker)).toBe('张*、李*');
    expect(maskPersonal('13812345678 / 0595-12345678', KINDS.grids.fields.worker_phone)).toBe('138****5678 / 0595-****5678');
  });

  it('masks by what the value looks like, not by the field name', () => {
    expect(maskPersonal('0595-12345678', principal)).toBe('0595-****5678');
  });
});

describe('isPersonalField', () => {
  it('reads the contract', () => {
    expect(isPersonalField('premises', 'principal')).toBe(true);
    expect(isPersonalField('premises', 'phone')).toBe(true);
    expect(isPersonalField('grids', 'worker_phone')).toBe(true);
    expect(isPersonalField('premises', 'name')).toBe(false);
    expect(isPersonalField('premises', 'no_such_field')).toBe(false);
  });
});
