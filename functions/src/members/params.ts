export { MemberRef } from '@arbor/shared/members/model';
