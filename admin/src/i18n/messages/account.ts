/** Messages of the account screen. */
import { catalogue } from './catalogue.ts';

export const account = catalogue(
  {
    title: 'Tài khoản của tôi',
    wholeNetwork: 'toàn mạng lưới',
    totpOn: 'Xác thực hai lớp: đang bật.',
    totpOff: 'Xác thực hai lớp: chưa bật.',
    sessions: 'Các phiên đăng nhập',
    device: 'Thiết bị',
    started: 'Bắt đầu',
    lastSeen: 'Hoạt động gần nhất',
    actions: 'Thao tác',
    thisSession: 'phiên này',
    revoke: 'Đăng xuất phiên này',
  },
  {
    title: 'My account',
    wholeNetwork: 'whole network',
    totpOn: 'Two-factor authentication: on.',
    totpOff: 'Two-factor authentication: off.',
    sessions: 'Sign-in sessions',
    device: 'Device',
    started: 'Started',
    lastSeen: 'Last active',
    actions: 'Actions',
    thisSession: 'this session',
    revoke: 'Sign out this session',
  },
);
