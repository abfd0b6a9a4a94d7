/**
 * The Sơn La pilot index for district People's Committees (Quyết định số 152/QĐ-UBND ngày 22/01/2014, Đề án mục
 * II.4.1): 8 areas, 39 criteria, 121 sub-criteria, 100 points = 73 self-assessed + 27 from the sociological
 * survey. The decision's text gives the areas, the counts and the split; the criteria themselves (its Phụ lục) are
 * not in the reference. RECONSTRUCTION: the 39 criteria are those of the department framework
 * (son-la-2014-so-nganh, itself reconstructed from the national PAR Index practice of 2011-2020); the 19
 * sub-criteria a district has beyond a department are the commune-level duties of a district (cấp xã: plans,
 * inspections, one-stop shops, staff standards, online services), and the points are spread so that every
 * area, the 73 self-assessed and the 27 survey points add up. Same counts and totals as the decision, typical
 * wording, not the official list. Generated once from the department framework; edit as data.
 */
import type { Framework } from '../framework.js';

const S = 'self' as const;
const X = 'survey' as const;

export const sonLa2014Huyen: Framework = {
  id: 'son-la-2014-huyen',
  version: '2014.1',
  year: 2014,
  title: 'Bộ chỉ số thí điểm đánh giá kết quả thực hiện công tác cải cách hành chính hằng năm của Ủy ban nhân dân các huyện, thành phố tỉnh Sơn La',
  target: 'Ủy ban nhân dân huyện, thành phố',
  basis: 'Quyết định số 152/QĐ-UBND ngày 22 tháng 01 năm 2014 của Ủy ban nhân dân tỉnh Sơn La',
  provenance:
    'Lĩnh vực, số tiêu chí (39), số tiêu chí thành phần (121) và thang điểm (100 = 73 tự đánh giá + 27 điều tra xã hội học) theo Đề án kèm Quyết định 152/QĐ-UBND; danh mục tiêu chí không có trong tài liệu tham khảo: tiêu chí dựng lại từ bộ chỉ số sở, ngành, thêm 19 tiêu chí thành phần về nhiệm vụ đối với cấp xã, điểm tối đa phân bổ lại cho khớp tổng (bản dựng lại, không phải danh mục chính thức).',
  max: 100,
  selfMax: 73,
  surveyMax: 27,
  areas: [
    {
      code: '1',
      name: "Công tác chỉ đạo, điều hành cải cách hành chính",
      max: 13,
      criteria: [
        {
          code: '1.1',
          name: "Kế hoạch cải cách hành chính năm",
          max: 3.75,
          subCriteria: [
            { code: '1.1.1', name: "Ban hành kế hoạch cải cách hành chính năm kịp thời theo hướng dẫn của tỉnh", max: 0.75, kind: S },
            { code: '1.1.2', name: "Xác định đầy đủ nhiệm vụ cải cách hành chính trên các lĩnh vực và bố trí kinh phí thực hiện", max: 0.75, kind: S },
            { code: '1.1.3', name: "Kết quả phải đạt được xác định rõ ràng, cụ thể; phân công trách nhiệm cho từng phòng, đơn vị trực thuộc", max: 0.5, kind: S },
            { code: '1.1.4', name: "Mức độ thực hiện kế hoạch cải cách hành chính năm", max: 1.25, kind: S },
            { code: '1.1.5', name: "Hướng dẫn, đôn đốc UBND cấp xã xây dựng kế hoạch cải cách hành chính năm", max: 0.5, kind: S },
          ],
        },
        {
          code: '1.2',
          name: "Báo cáo cải cách hành chính",
          max: 1.25,
          subCriteria: [
            { code: '1.2.1', name: "Gửi đủ số lượng, đúng thời hạn các báo cáo quý, 6 tháng, 9 tháng và năm", max: 0.75, kind: S },
            { code: '1.2.2', name: "Nội dung báo cáo đầy đủ, đúng đề cương hướng dẫn", max: 0.5, kind: S },
          ],
        },
        {
          code: '1.3',
          name: "Kiểm tra công tác cải cách hành chính",
          max: 2.5,
          subCriteria: [
            { code: '1.3.1', name: "Ban hành kế hoạch kiểm tra cải cách hành chính đối với các phòng, đơn vị trực thuộc", max: 0.5, kind: S },
            { code: '1.3.2', name: "Tỷ lệ phòng, đơn vị trực thuộc được kiểm tra trong năm", max: 1, kind: S },
            { code: '1.3.3', name: "Xử lý các vấn đề phát hiện qua kiểm tra", max: 0.5, kind: S },
            { code: '1.3.4', name: "Tỷ lệ UBND cấp xã được kiểm tra công tác cải cách hành chính trong năm", max: 0.5, kind: S },
          ],
        },
        {
          code: '1.4',
          name: "Công tác tuyên truyền cải cách hành chính",
          max: 1.5,
          subCriteria: [
            { code: '1.4.1', name: "Ban hành kế hoạch tuyên truyền cải cách hành chính", max: 0.5, kind: S },
            { code: '1.4.2', name: "Mức độ thực hiện kế hoạch tuyên truyền", max: 0.5, kind: S },
            { code: '1.4.3', name: "Đa dạng hóa hình thức tuyên truyền (trang thông tin điện tử, hội nghị, cuộc thi, ...)", max: 0.5, kind: S },
          ],
        },
        {
          code: '1.5',
          name: "Sáng kiến trong cải cách hành chính; gắn kết quả cải cách hành chính với thi đua, khen thưởng",
          max: 2,
          subCriteria: [
            { code: '1.5.1', name: "Có sáng kiến hoặc giải pháp mới trong cải cách hành chính được cấp có thẩm quyền công nhận", max: 1, kind: S },
            { code: '1.5.2', name: "Gắn kết quả thực hiện cải cách hành chính với đánh giá, bình xét thi đua, khen thưởng", max: 1, kind: S },
          ],
        },
        {
          code: '1.6',
          name: "Đánh giá của cán bộ, công chức, người dân, tổ chức về công tác chỉ đạo, điều hành cải cách hành chính",
          max: 2,
          subCriteria: [
            { code: '1.6.1', name: "Tính kịp thời, quyết liệt trong chỉ đạo, điều hành cải cách hành chính của người đứng đầu", max: 1, kind: X },
            { code: '1.6.2', name: "Hiệu quả của công tác tuyên truyền cải cách hành chính", max: 1, kind: X },
          ],
        },
      ],
    },
    {
      code: '2',
      name: "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
      max: 8.5,
      criteria: [
        {
          code: '2.1',
          name: "Tham mưu xây dựng văn bản quy phạm pháp luật thuộc phạm vi quản lý",
          max: 1.75,
          subCriteria: [
            { code: '2.1.1', name: "Thực hiện đúng, đầy đủ chương trình xây dựng văn bản quy phạm pháp luật năm của tỉnh", max: 1, kind: S },
            { code: '2.1.2', name: "Thực hiện đúng quy trình xây dựng, lấy ý kiến, thẩm định dự thảo văn bản", max: 0.75, kind: S },
          ],
        },
        {
          code: '2.2',
          name: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật",
          max: 2.25,
          subCriteria: [
            { code: '2.2.1', name: "Ban hành kế hoạch rà soát, hệ thống hóa văn bản quy phạm pháp luật", max: 0.5, kind: S },
            { code: '2.2.2', name: "Mức độ thực hiện kế hoạch rà soát và công bố kết quả rà soát", max: 0.75, kind: S },
            { code: '2.2.3', name: "Xử lý hoặc kiến nghị xử lý văn bản phát hiện qua rà soát", max: 0.5, kind: S },
            { code: '2.2.4', name: "Hướng dẫn, kiểm tra UBND cấp xã rà soát văn bản quy phạm pháp luật", max: 0.5, kind: S },
          ],
        },
        {
          code: '2.3',
          name: "Tổ chức thực hiện và theo dõi thi hành pháp luật",
          max: 2.5,
          subCriteria: [
            { code: '2.3.1', name: "Ban hành kế hoạch theo dõi tình hình thi hành pháp luật", max: 0.5, kind: S },
            { code: '2.3.2', name: "Mức độ thực hiện kế hoạch theo dõi tình hình thi hành pháp luật", max: 0.75, kind: S },
            { code: '2.3.3', name: "Phổ biến, giáo dục pháp luật thuộc lĩnh vực quản lý", max: 0.75, kind: S },
            { code: '2.3.4', name: "Theo dõi thi hành pháp luật tại cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '2.4',
          name: "Đánh giá về chất lượng văn bản quy phạm pháp luật thuộc lĩnh vực quản lý",
          max: 2,
          subCriteria: [
            { code: '2.4.1', name: "Tính đồng bộ, thống nhất và khả thi của văn bản", max: 1, kind: X },
            { code: '2.4.2', name: "Tính kịp thời trong tham mưu sửa đổi, bổ sung văn bản", max: 1, kind: X },
          ],
        },
      ],
    },
    {
      code: '3',
      name: "Cải cách thủ tục hành chính",
      max: 14,
      criteria: [
        {
          code: '3.1',
          name: "Kiểm soát thủ tục hành chính",
          max: 2,
          subCriteria: [
            { code: '3.1.1', name: "Ban hành kế hoạch kiểm soát thủ tục hành chính năm", max: 0.5, kind: S },
            { code: '3.1.2', name: "Mức độ thực hiện kế hoạch kiểm soát thủ tục hành chính", max: 0.75, kind: S },
            { code: '3.1.3', name: "Đánh giá tác động thủ tục hành chính trong dự thảo văn bản quy phạm pháp luật", max: 0.75, kind: S },
          ],
        },
        {
          code: '3.2',
          name: "Rà soát, đánh giá, đơn giản hóa thủ tục hành chính",
          max: 2.5,
          subCriteria: [
            { code: '3.2.1', name: "Ban hành kế hoạch rà soát, đánh giá thủ tục hành chính", max: 0.5, kind: S },
            { code: '3.2.2', name: "Mức độ thực hiện kế hoạch rà soát, đánh giá thủ tục hành chính", max: 0.75, kind: S },
            { code: '3.2.3', name: "Phương án đơn giản hóa thủ tục hành chính được cấp có thẩm quyền chấp thuận", max: 0.75, kind: S },
            { code: '3.2.4', name: "Rà soát thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '3.3',
          name: "Công bố, công khai thủ tục hành chính",
          max: 2.75,
          subCriteria: [
            { code: '3.3.1', name: "Tham mưu công bố thủ tục hành chính đầy đủ, đúng thời hạn", max: 0.75, kind: S },
            { code: '3.3.2', name: "Niêm yết công khai đầy đủ, đúng quy định thủ tục hành chính tại nơi tiếp nhận hồ sơ", max: 0.75, kind: S },
            { code: '3.3.3', name: "Công khai thủ tục hành chính trên Cổng thông tin điện tử và Cơ sở dữ liệu quốc gia", max: 0.75, kind: S },
            { code: '3.3.4', name: "Công khai thủ tục hành chính tại Bộ phận một cửa cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '3.4',
          name: "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính",
          max: 2.75,
          subCriteria: [
            { code: '3.4.1', name: "Công khai địa chỉ tiếp nhận phản ánh, kiến nghị", max: 0.5, kind: S },
            { code: '3.4.2', name: "Xử lý phản ánh, kiến nghị đúng thời hạn", max: 1.25, kind: S },
            { code: '3.4.3', name: "Công khai kết quả xử lý phản ánh, kiến nghị", max: 0.5, kind: S },
            { code: '3.4.4', name: "Tiếp nhận, xử lý phản ánh, kiến nghị tại cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '3.5',
          name: "Đánh giá của người dân, tổ chức về thủ tục hành chính",
          max: 4,
          subCriteria: [
            { code: '3.5.1', name: "Mức độ đơn giản, dễ hiểu, dễ thực hiện của thủ tục hành chính", max: 2.25, kind: X },
            { code: '3.5.2', name: "Tính công khai, minh bạch của thủ tục hành chính", max: 1.75, kind: X },
          ],
        },
      ],
    },
    {
      code: '4',
      name: "Cải cách tổ chức bộ máy hành chính nhà nước",
      max: 9,
      criteria: [
        {
          code: '4.1',
          name: "Thực hiện quy định về tổ chức bộ máy",
          max: 2.75,
          subCriteria: [
            { code: '4.1.1', name: "Tham mưu ban hành kịp thời quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của cơ quan", max: 1, kind: S },
            { code: '4.1.2', name: "Quy định chức năng, nhiệm vụ của các phòng, đơn vị trực thuộc đúng quy định", max: 0.75, kind: S },
            { code: '4.1.3', name: "Thực hiện đúng quy định về số lượng cấp phó", max: 0.5, kind: S },
            { code: '4.1.4', name: "Thực hiện quy định về tổ chức bộ máy của các phòng chuyên môn thuộc UBND cấp huyện", max: 0.5, kind: S },
          ],
        },
        {
          code: '4.2',
          name: "Rà soát, sắp xếp tổ chức bộ máy",
          max: 2,
          subCriteria: [
            { code: '4.2.1', name: "Rà soát chức năng, nhiệm vụ; khắc phục chồng chéo, trùng lắp", max: 0.75, kind: S },
            { code: '4.2.2', name: "Sắp xếp, kiện toàn tổ chức theo kế hoạch của tỉnh", max: 0.75, kind: S },
            { code: '4.2.3', name: "Sắp xếp, kiện toàn tổ chức, hoạt động của đơn vị sự nghiệp công lập thuộc huyện", max: 0.5, kind: S },
          ],
        },
        {
          code: '4.3',
          name: "Thực hiện phân cấp, ủy quyền quản lý",
          max: 1.25,
          subCriteria: [
            { code: '4.3.1', name: "Thực hiện đúng, đầy đủ các nội dung được phân cấp, ủy quyền", max: 0.75, kind: S },
            { code: '4.3.2', name: "Kiểm tra, đánh giá việc thực hiện nhiệm vụ được phân cấp", max: 0.5, kind: S },
          ],
        },
        {
          code: '4.4',
          name: "Đánh giá về tổ chức bộ máy",
          max: 3,
          subCriteria: [
            { code: '4.4.1', name: "Tính hợp lý trong cơ cấu tổ chức của cơ quan", max: 1.5, kind: X },
            { code: '4.4.2', name: "Sự phối hợp giữa các phòng, đơn vị trong giải quyết công việc", max: 1.5, kind: X },
          ],
        },
      ],
    },
    {
      code: '5',
      name: "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức",
      max: 13,
      criteria: [
        {
          code: '5.1',
          name: "Xác định vị trí việc làm và cơ cấu công chức, viên chức theo chức danh nghề nghiệp",
          max: 1.5,
          subCriteria: [
            { code: '5.1.1', name: "Đề án vị trí việc làm của cơ quan, đơn vị được phê duyệt", max: 0.75, kind: S },
            { code: '5.1.2', name: "Bố trí công chức, viên chức đúng vị trí việc làm được phê duyệt", max: 0.75, kind: S },
          ],
        },
        {
          code: '5.2',
          name: "Tuyển dụng, sử dụng công chức, viên chức",
          max: 1.5,
          subCriteria: [
            { code: '5.2.1', name: "Tuyển dụng công chức, viên chức đúng quy định", max: 0.75, kind: S },
            { code: '5.2.2', name: "Sử dụng đúng số lượng biên chế được giao", max: 0.75, kind: S },
          ],
        },
        {
          code: '5.3',
          name: "Đào tạo, bồi dưỡng công chức, viên chức",
          max: 2.25,
          subCriteria: [
            { code: '5.3.1', name: "Ban hành kế hoạch đào tạo, bồi dưỡng năm", max: 0.5, kind: S },
            { code: '5.3.2', name: "Mức độ thực hiện kế hoạch đào tạo, bồi dưỡng", max: 0.75, kind: S },
            { code: '5.3.3', name: "Tỷ lệ công chức lãnh đạo, quản lý được bồi dưỡng theo tiêu chuẩn chức danh", max: 0.5, kind: S },
            { code: '5.3.4', name: "Đào tạo, bồi dưỡng cán bộ, công chức cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '5.4',
          name: "Đánh giá, phân loại; quy hoạch, bổ nhiệm",
          max: 2,
          subCriteria: [
            { code: '5.4.1', name: "Đánh giá, phân loại công chức, viên chức đúng quy định", max: 0.75, kind: S },
            { code: '5.4.2', name: "Quy hoạch, bổ nhiệm, bổ nhiệm lại công chức lãnh đạo đúng quy định", max: 0.75, kind: S },
            { code: '5.4.3', name: "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn theo quy định", max: 0.5, kind: S },
          ],
        },
        {
          code: '5.5',
          name: "Kỷ luật, kỷ cương hành chính và đạo đức công vụ",
          max: 1.25,
          subCriteria: [
            { code: '5.5.1', name: "Kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính", max: 0.5, kind: S },
            { code: '5.5.2', name: "Không có công chức, viên chức bị kỷ luật do vi phạm trong thi hành công vụ", max: 0.75, kind: S },
          ],
        },
        {
          code: '5.6',
          name: "Đánh giá của người dân, tổ chức về đội ngũ công chức",
          max: 4.5,
          subCriteria: [
            { code: '5.6.1', name: "Tinh thần, thái độ phục vụ của công chức", max: 1.25, kind: X },
            { code: '5.6.2', name: "Năng lực, trình độ chuyên môn của công chức khi giải quyết công việc", max: 1.25, kind: X },
            { code: '5.6.3', name: "Tính công bằng, khách quan trong giải quyết công việc", max: 0.75, kind: X },
            { code: '5.6.4', name: "Không có tình trạng nhũng nhiễu, gây phiền hà", max: 1.25, kind: X },
          ],
        },
      ],
    },
    {
      code: '6',
      name: "Đổi mới cơ chế tài chính đối với cơ quan hành chính và đơn vị sự nghiệp công lập",
      max: 9,
      criteria: [
        {
          code: '6.1',
          name: "Thực hiện cơ chế tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí quản lý hành chính",
          max: 3,
          subCriteria: [
            { code: '6.1.1', name: "Ban hành quy chế chi tiêu nội bộ, quy chế quản lý, sử dụng tài sản công đúng quy định", max: 1.25, kind: S },
            { code: '6.1.2', name: "Công khai tài chính, ngân sách theo quy định", max: 0.5, kind: S },
            { code: '6.1.3', name: "Sử dụng kinh phí tiết kiệm, tăng thu nhập cho công chức", max: 0.75, kind: S },
            { code: '6.1.4', name: "Thực hiện cơ chế tự chủ tài chính tại UBND cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '6.2',
          name: "Thực hiện cơ chế tự chủ tại các đơn vị sự nghiệp công lập trực thuộc",
          max: 2,
          subCriteria: [
            { code: '6.2.1', name: "Tỷ lệ đơn vị sự nghiệp công lập được giao quyền tự chủ", max: 0.75, kind: S },
            { code: '6.2.2', name: "Hướng dẫn, kiểm tra đơn vị sự nghiệp thực hiện cơ chế tự chủ", max: 0.5, kind: S },
            { code: '6.2.3', name: "Chuyển đơn vị đủ điều kiện sang mức tự chủ cao hơn", max: 0.75, kind: S },
          ],
        },
        {
          code: '6.3',
          name: "Thanh tra, kiểm tra, kiểm toán tài chính",
          max: 2,
          subCriteria: [
            { code: '6.3.1', name: "Không có sai phạm về tài chính được cơ quan có thẩm quyền kết luận", max: 1.25, kind: S },
            { code: '6.3.2', name: "Thực hiện đầy đủ kiến nghị sau thanh tra, kiểm tra, kiểm toán", max: 0.75, kind: S },
          ],
        },
        {
          code: '6.4',
          name: "Đánh giá về quản lý tài chính công",
          max: 2,
          subCriteria: [
            { code: '6.4.1', name: "Tính công khai, minh bạch trong quản lý, sử dụng tài chính, tài sản của cơ quan", max: 1, kind: X },
            { code: '6.4.2', name: "Hiệu quả thực hiện cơ chế tự chủ tại cơ quan, đơn vị", max: 1, kind: X },
          ],
        },
      ],
    },
    {
      code: '7',
      name: "Hiện đại hóa nền hành chính",
      max: 14,
      criteria: [
        {
          code: '7.1',
          name: "Ứng dụng công nghệ thông tin trong hoạt động của cơ quan",
          max: 3.5,
          subCriteria: [
            { code: '7.1.1', name: "Ban hành và thực hiện kế hoạch ứng dụng công nghệ thông tin năm", max: 0.75, kind: S },
            { code: '7.1.2', name: "Sử dụng phần mềm quản lý văn bản và điều hành; gửi, nhận văn bản điện tử", max: 1.5, kind: S },
            { code: '7.1.3', name: "Sử dụng hộp thư điện tử công vụ trong trao đổi công việc", max: 0.75, kind: S },
            { code: '7.1.4', name: "Ứng dụng công nghệ thông tin tại UBND cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '7.2',
          name: "Trang thông tin điện tử của cơ quan",
          max: 1.5,
          subCriteria: [
            { code: '7.2.1', name: "Cung cấp đầy đủ thông tin theo quy định", max: 0.75, kind: S },
            { code: '7.2.2', name: "Cập nhật thông tin thường xuyên, kịp thời", max: 0.75, kind: S },
          ],
        },
        {
          code: '7.3',
          name: "Cung cấp dịch vụ công trực tuyến",
          max: 3,
          subCriteria: [
            { code: '7.3.1', name: "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến mức độ 3, 4", max: 1.25, kind: S },
            { code: '7.3.2', name: "Tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến mức độ 3, 4", max: 1.25, kind: S },
            { code: '7.3.3', name: "Cung cấp dịch vụ công trực tuyến tại cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '7.4',
          name: "Áp dụng hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001",
          max: 2.5,
          subCriteria: [
            { code: '7.4.1', name: "Công bố hệ thống quản lý chất lượng phù hợp Tiêu chuẩn TCVN ISO 9001 đúng quy định", max: 0.75, kind: S },
            { code: '7.4.2', name: "Duy trì, cải tiến hệ thống quản lý chất lượng", max: 0.75, kind: S },
            { code: '7.4.3', name: "Mở rộng áp dụng tại các đơn vị trực thuộc", max: 0.5, kind: S },
            { code: '7.4.4', name: "Áp dụng hệ thống quản lý chất lượng tại UBND cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '7.5',
          name: "Đánh giá về hiện đại hóa hành chính",
          max: 3.5,
          subCriteria: [
            { code: '7.5.1', name: "Mức độ thuận tiện khi truy cập, khai thác thông tin trên Trang thông tin điện tử", max: 1, kind: X },
            { code: '7.5.2', name: "Mức độ thuận tiện khi sử dụng dịch vụ công trực tuyến", max: 1.25, kind: X },
            { code: '7.5.3', name: "Trang thiết bị tại nơi tiếp nhận hồ sơ và trả kết quả", max: 1.25, kind: X },
          ],
        },
      ],
    },
    {
      code: '8',
      name: "Thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
      max: 19.5,
      criteria: [
        {
          code: '8.1',
          name: "Tổ chức thực hiện cơ chế một cửa, cơ chế một cửa liên thông",
          max: 3.25,
          subCriteria: [
            { code: '8.1.1', name: "Ban hành quy chế tổ chức và hoạt động của bộ phận tiếp nhận và trả kết quả", max: 0.75, kind: S },
            { code: '8.1.2', name: "Thực hiện đầy đủ các thủ tục hành chính theo cơ chế một cửa, một cửa liên thông", max: 1.25, kind: S },
            { code: '8.1.3', name: "Công chức làm việc tại bộ phận một cửa đáp ứng tiêu chuẩn theo quy định", max: 0.75, kind: S },
            { code: '8.1.4', name: "Tổ chức thực hiện cơ chế một cửa tại UBND cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '8.2',
          name: "Cơ sở vật chất, trang thiết bị của bộ phận tiếp nhận và trả kết quả",
          max: 2.5,
          subCriteria: [
            { code: '8.2.1', name: "Diện tích, trang thiết bị đáp ứng yêu cầu", max: 1.25, kind: S },
            { code: '8.2.2', name: "Có thiết bị tra cứu thông tin và đánh giá mức độ hài lòng", max: 0.75, kind: S },
            { code: '8.2.3', name: "Cơ sở vật chất của Bộ phận một cửa cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '8.3',
          name: "Kết quả giải quyết hồ sơ thủ tục hành chính",
          max: 5.25,
          subCriteria: [
            { code: '8.3.1', name: "Tỷ lệ hồ sơ giải quyết đúng hạn", max: 2.5, kind: S },
            { code: '8.3.2', name: "Có văn bản xin lỗi người dân, tổ chức đối với hồ sơ giải quyết quá hạn", max: 0.75, kind: S },
            { code: '8.3.3', name: "Cập nhật, theo dõi hồ sơ trên Hệ thống thông tin một cửa điện tử", max: 0.75, kind: S },
            { code: '8.3.4', name: "Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích", max: 0.75, kind: S },
            { code: '8.3.5', name: "Tỷ lệ hồ sơ thủ tục hành chính cấp xã giải quyết đúng hạn", max: 0.5, kind: S },
          ],
        },
        {
          code: '8.4',
          name: "Thu phí, lệ phí và chấp hành quy định trong giải quyết thủ tục hành chính",
          max: 2.5,
          subCriteria: [
            { code: '8.4.1', name: "Thu phí, lệ phí đúng quy định, có biên lai", max: 1.25, kind: S },
            { code: '8.4.2', name: "Không có phản ánh, kiến nghị về giải quyết thủ tục hành chính trái quy định", max: 0.75, kind: S },
            { code: '8.4.3', name: "Thực hiện cơ chế một cửa liên thông giữa cấp huyện và cấp xã", max: 0.5, kind: S },
          ],
        },
        {
          code: '8.5',
          name: "Đánh giá của người dân, tổ chức về giải quyết thủ tục hành chính tại bộ phận một cửa",
          max: 6,
          subCriteria: [
            { code: '8.5.1', name: "Thời gian giải quyết hồ sơ so với quy định", max: 1.75, kind: X },
            { code: '8.5.2', name: "Thái độ, tác phong của công chức tiếp nhận hồ sơ", max: 1.75, kind: X },
            { code: '8.5.3', name: "Số lần đi lại để giải quyết một hồ sơ", max: 1.75, kind: X },
            { code: '8.5.4', name: "Mức độ hài lòng chung", max: 0.75, kind: X },
          ],
        },
      ],
    },
  ],
};
