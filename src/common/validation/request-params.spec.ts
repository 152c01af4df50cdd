import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isCallingCode } from './calling-code.validator.js';
import { IsIdParam } from './integer-params.js';
import { PaginationQueryDto } from './pagination.dto.js';

class IdParams {
  @IsIdParam()
  id!: number;
}

function check<T extends object>(type: new () => T, plain: Record<string, unknown>) {
  const instance = plainToInstance(type, plain);
  return { instance, problems: validateSync(instance).flatMap((e) => Object.values(e.constraints ?? {})) };
}

describe('IsIdParam', () => {
  it('turns decimal digits into a number', () => {
    expect(check(IdParams, { id: '42' })).toEqual({ instance: { id: 42 }, problems: [] });
  });

  it.each(['0', '-1', '1.5', '1e3', '0x10', ' 1', 'abc', '', '99999999999999999'])('refuses %p', (id) => {
    expect(check(IdParams, { id }).problems).toContain('id must be a positive integer');
  });
});

describe('PaginationQueryDto', () => {
  it('defaults to the first page of 20', () => {
    const { instance, problems } = check(PaginationQueryDto, {});
    expect([instance.page, instance.pageSize, problems]).toEqual([1, 20, []]);
  });

  it('reads the page and size from text', () => {
    const { instance, problems } = check(PaginationQueryDto, { page: '3', pageSize: '100' });
    expect([instance.page, instance.pageSize, problems]).toEqual([3, 100, []]);
  });

  it.each([
    [{ page: '0' }, 'page'],
    [{ page: '10001' }, 'page'],
    [{ page: 'two' }, 'page'],
    [{ pageSize: '0' }, 'pageSize'],
    [{ pageSize: '101' }, 'pageSize'],
    [{ pageSize: '2.5' }, 'pageSize'],
  ])('refuses %p', (query, field) => {
    const errors = validateSync(plainToInstance(PaginationQueryDto, query));
    expect(errors.map((error) => error.property)).toEqual([field]);
  });
});

describe('isCallingCode', () => {
  it.each(['34', '1', '44', '351', '1809', '7'])('knows %s', (code) => {
    expect(isCallingCode(code)).toBe(true);
  });

  it.each(['0', '999', '+34', '034', '12345', 34, '', ' 34'])('refuses %p', (code) => {
    expect(isCallingCode(code)).toBe(false);
  });
});
