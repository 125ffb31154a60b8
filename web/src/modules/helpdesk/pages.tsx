import { InboxPage } from './inbox-page';

export const InboxRoute = () => <InboxPage mode="inbox" />;
export const CasesRoute = () => <InboxPage mode="all" />;
