/**
 * "Về dữ liệu mẫu" (`/ve-du-lieu-mau`): where the demo network's content comes from, under
 * which terms, and how it is credited.
 */
import { NetworkLayout } from '../components/network-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';

/** Props of {@link AboutDemoDataPage}. */
export interface AboutDemoDataPageProps {
  meta: PageMeta;
  today: string;
}

/** Renders the credits page of the demo data. */
export function AboutDemoDataPage({ meta, today }: AboutDemoDataPageProps) {
  return (
    <NetworkLayout meta={meta} today={today} current="about">
      <article class="prose prose--page">
        <h1>Về dữ liệu mẫu</h1>
        <p class="lead">
          Mạng lưới trình diễn được dựng từ dữ liệu thật, được phép sử dụng lại và được ghi nguồn đầy đủ dưới đây. Nội dung chỉ nhằm
          minh hoạ cách nền tảng hoạt động, không phải thông tin chính thức của cơ quan nào.
        </p>

        <h2>Bài viết gốc</h2>
        <p>
          Bài “Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ Thông tin và Truyền thông năm 2022” của tác giả{' '}
          <strong>Hoàng Thị Tố Loan</strong>, Trung tâm Công nghệ số, Sở Thông tin và Truyền thông Lạng Sơn, đăng ngày{' '}
          <time datetime="2022-09-27">27/9/2022</time>. Bài được đăng lại trên các trang mẫu, có ghi rõ tác giả và nguồn.
        </p>

        <h2>Văn bản pháp luật</h2>
        <p>
          Các luật và nghị quyết là văn bản quy phạm pháp luật, thuộc đối tượng không được bảo hộ quyền tác giả theo Điều 15 Luật Sở
          hữu trí tuệ số 50/2005/QH11. Văn bản được đăng theo phiên bản lịch sử như khi được thu thập (bộ ngữ liệu CP_Vietnamese-VLC
          của undertheseanlp/resources) và có thể đã được sửa đổi, bổ sung hoặc thay thế sau đó. Hãy tra cứu văn bản hiện hành tại Cơ
          sở dữ liệu quốc gia về văn bản pháp luật: <a href="https://vbpl.vn/">vbpl.vn</a>.
        </p>

        <h2>Điểm tin</h2>
        <p>
          Các tin ngắn lấy từ bộ dữ liệu DANeS. Phần chú thích (nhãn) của bộ dữ liệu được cấp phép theo{' '}
          <a href="https://creativecommons.org/licenses/by/4.0/deed.vi" hreflang="vi">
            Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)
          </a>
          , © DATASET JSC và AIV Group. Tiêu đề và tóm tắt tin thuộc về các cơ quan báo chí đã đăng; mỗi tin đều dẫn liên kết về bài
          gốc trên trang của cơ quan báo chí đó.
        </p>

        <h2>Dữ liệu cơ quan, đơn vị</h2>
        <p>
          Cơ cấu Bộ, các đơn vị thuộc Bộ, các Sở và các phòng được soạn riêng cho dự án này theo tên gọi công khai của các cơ quan
          vào năm 2022. Đây không phải danh sách chính thức.
        </p>

        <h2>Danh sách tỉnh, thành phố</h2>
        <p>
          Danh sách 63 tỉnh, thành phố trước ngày 1/7/2025 và 34 tỉnh, thành phố từ ngày 1/7/2025 lấy từ dự án dvhcvn (
          <a href="https://github.com/dvhcvn/20250701">github.com/dvhcvn/20250701</a>), giấy phép MIT, © 2025 dvhcvn.
        </p>

        <h2>Phông chữ</h2>
        <p>
          Phông chữ Be Vietnam Pro được phục vụ ngay từ máy chủ này (không tải từ bên thứ ba), theo{' '}
          <a href="/_assets/fonts/LICENSE">giấy phép SIL Open Font License 1.1</a>, © 2021 The Be Vietnam Pro Project Authors.
        </p>
      </article>
    </NetworkLayout>
  );
}
