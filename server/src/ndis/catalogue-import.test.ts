import { describe, expect, it } from 'vitest';
import { parseCsv } from './catalogue-csv.js';
import { catalogueDate, chainVersions, readCatalogue } from './catalogue-import.js';
import { isSupportItemNumber } from './catalogue-number.js';

const HEADER =
  'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Number (PACE),Support Category Name,Support Category Name (PACE),Unit,Quote,Start date,End Date,ACT,NSW,NT,QLD,SA,TAS,VIC,WA,Remote,Very Remote,Non-Face-to-Face Support Provision,Provider Travel,Short Notice Cancellations.,NDIA Requested Reports,Irregular SIL Supports,Type';

describe('support item numbers', () => {
  it('accept the pattern with or without a suffix, and nothing else', () => {
    expect(isSupportItemNumber('01_011_0107_1_1')).toBe(true);
    expect(isSupportItemNumber('15_617_0128_1_3_PT')).toBe(true);
    expect(isSupportItemNumber('01_011_0107_1')).toBe(false);
    expect(isSupportItemNumber('1_011_0107_1_1')).toBe(false);
    expect(isSupportItemNumber('01_011_0107_1_1_pt')).toBe(false);
  });
});

describe('reading the NDIA Support Catalogue', () => {
  it('reads the spreadsheet layout by header name, prices per zone, the Y/N flags and the therapy groups', () => {
    const csv = `${HEADER}\r\n01_011_0107_1_1,"Assistance With Self-Care Activities - Standard - Weekday Daytime",0107,Daily Personal Activities,1,1,Assistance with Daily Life,Daily Activities,H,N,20250701,,$70.23,$70.23,$70.23,$70.23,$70.23,$70.23,$70.23,$70.23,$98.32,$105.35,Y,Y,Y,N,N,Price Limited Supports\r\n15_200_0128_1_3,Physiotherapy,128,Therapeutic Supports,15,15,Improved Daily Living,CB Daily Activity,H,N,1/07/2025,31/12/9999,183.99,183.99,183.99,183.99,183.99,183.99,183.99,183.99,257.59,275.99,Y,Y,Y,Y,N,\r\n`;
    const r = readCatalogue(parseCsv(csv));
    expect(r.problems).toEqual([]);
    expect(r.items).toHaveLength(2);
    const [selfCare, physio] = r.items;
    expect(selfCare).toMatchObject({
      number: '01_011_0107_1_1',
      unit: 'H',
      startsOn: '2025-07-01',
      endsOn: null,
      therapy: false,
      flags: {
        nonFaceToFace: true,
        providerTravel: true,
        shortNoticeCancellation: true,
        ndiaRequestedReports: false,
      },
      prices: { NSW: 7023, REMOTE: 9832, VERY_REMOTE: 10535 },
    });
    expect(physio).toMatchObject({ registrationGroupNumber: '0128', therapy: true, endsOn: null });
  });

  it('rejects the whole file naming the line and column of a bad row', () => {
    const csv = `${HEADER}\n01_011_0107_1,Bad number,0107,,,,,,H,N,20250701,,1,1,1,1,1,1,1,1,1,1,N,N,N,N,N,\n01_011_0107_1_1,Ok,0107,,,,,,H,N,20250701,,abc,1,1,1,1,1,1,1,1,1,N,N,N,N,N,\n`;
    const r = readCatalogue(parseCsv(csv));
    expect(r.items).toEqual([]);
    expect(r.problems).toEqual([
      { line: 2, column: 'Support Item Number', reason: expect.stringContaining('AA_BBB_CCCC_D_E') },
      { line: 3, column: 'ACT', reason: '"abc" is not a price' },
    ]);
  });

  it('reads the 2026-27 long format, one row per jurisdiction', () => {
    const csv =
      'support_item_number,support_item_name,jurisdiction,price,unit,effective_start,effective_end\n' +
      '15_617_0128_1_3_PT,OT provider travel,National,97.00,H,2026-07-01,\n' +
      '15_617_0128_1_3_PT,OT provider travel,Remote,135.80,H,2026-07-01,\n';
    const r = readCatalogue(parseCsv(csv));
    expect(r.format).toBe('long');
    expect(r.items).toEqual([
      expect.objectContaining({ number: '15_617_0128_1_3_PT', prices: { NATIONAL: 9700, REMOTE: 13580 } }),
    ]);
  });

  it('reads the date formats the spreadsheet exports and refuses impossible dates', () => {
    expect(catalogueDate('20250701')).toBe('2025-07-01');
    expect(catalogueDate('2025-07-01 00:00:00')).toBe('2025-07-01');
    expect(catalogueDate('1/07/2025')).toBe('2025-07-01');
    expect(catalogueDate('99991231')).toBeNull();
    expect(catalogueDate('31/02/2025')).toBe('bad');
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(parseCsv('a,"b, ""c""",d\r\n\r\ne,f,g')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['e', 'f', 'g'],
    ]);
  });
});

describe('versions of one number in one file', () => {
  it('end the day before the next starts, and two on the same day are refused', () => {
    const csv = `${HEADER}\n01_799_0107_1_1,Travel,0107,,,,,,E,N,20260701,,1,1,1,1,1,1,1,1,1,1,N,N,N,N,N,\n01_799_0107_1_1,Travel,0107,,,,,,E,N,20250701,,1,1,1,1,1,1,1,1,1,1,N,N,N,N,N,\n`;
    const chained = chainVersions(readCatalogue(parseCsv(csv)).items);
    expect(Array.isArray(chained) && chained.map((i) => [i.startsOn, i.endsOn])).toEqual([
      ['2025-07-01', '2026-06-30'],
      ['2026-07-01', null],
    ]);
    const twice = readCatalogue(parseCsv(csv.replace('20260701', '20250701'))).items;
    expect(chainVersions(twice)).toMatchObject({ duplicate: { number: '01_799_0107_1_1' } });
  });
});
