/**
 * The agency profile the workplace tests use (issue 17): a department of a province with a usual signer who
 * signs for the director (KT.), its usual Nơi nhận and the drafting unit of its "Lưu" line.
 */
export const SAMPLE_PROFILE = {
  name: 'Sở Nội vụ tỉnh Thanh Hóa',
  headerLines: ['Sở Nội vụ'],
  abbreviation: 'SNV',
  parent: { name: 'UBND tỉnh Thanh Hóa' },
  place: 'Thanh Hóa',
  signers: [{ authority: 'KT', head: 'Giám đốc', position: 'Phó Giám đốc', name: 'Lê Văn Thắng' }],
  recipients: ['UBND tỉnh (để báo cáo)', 'Giám đốc Sở (để báo cáo)'],
  archiveUnit: 'CCHC',
};
