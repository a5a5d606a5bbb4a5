import { Foundation1795313882398 } from './1795313882398-Foundation';
import { LinksFoldersTagsUtm1795314132215 } from './1795314132215-LinksFoldersTagsUtm';
import { CaseInsensitiveNames1795314132216 } from './1795314132216-CaseInsensitiveNames';
import { ClickRollups1795314485400 } from './1795314485400-ClickRollups';
import { ClickEventsPartitioned1795314485401 } from './1795314485401-ClickEventsPartitioned';
import { Domains1795315004218 } from './1795315004218-Domains';
import { WorkspaceUsage1795315549348 } from './1795315549348-WorkspaceUsage';
import { Conversions1795315659381 } from './1795315659381-Conversions';
import { Invitations1795317405329 } from './1795317405329-Invitations';
import { AnalyticsRetention1795323970070 } from './1795323970070-AnalyticsRetention';
import { AnalyticsRollups1795323970069 } from './1795323970069-AnalyticsRollups';
import { ClickEventsFirstVisit1795331922358 } from './1795331922358-ClickEventsFirstVisit';
import { DomainDimension1795331922359 } from './1795331922359-DomainDimension';
import { AnalyticsPairRollups1795332602878 } from './1795332602878-AnalyticsPairRollups';
import { WeeklyRollups1795333119294 } from './1795333119294-WeeklyRollups';
import { PairRollupsWeekly1795335800305 } from './1795335800305-PairRollupsWeekly';
import { ClickWritePath1796549365728 } from './1796549365728-ClickWritePath';
import { RollupBlocks1796573765800 } from './1796573765800-RollupBlocks';
import { Webhooks1796596701227 } from './1796596701227-Webhooks';
import { ClickEventsSequence1796599300000 } from './1796599300000-ClickEventsSequence';
import { DropClickRollups1796599300001 } from './1796599300001-DropClickRollups';
import { WorkspacePlanCheck1796600142358 } from './1796600142358-WorkspacePlanCheck';
import { ClickVisitorDays1796604639059 } from './1796604639059-ClickVisitorDays';
import { ClickEventsLeanIndexes1796605869888 } from './1796605869888-ClickEventsLeanIndexes';
import { ClickEventsWithoutUserAgent1796607732258 } from './1796607732258-ClickEventsWithoutUserAgent';
import { LinkImports1796608000000 } from './1796608000000-LinkImports';

// Every migration, in order. `npm run migration:generate -- <Name>` writes a file and adds it here.
export const MIGRATIONS = [Foundation1795313882398, LinksFoldersTagsUtm1795314132215, CaseInsensitiveNames1795314132216, ClickRollups1795314485400, ClickEventsPartitioned1795314485401, Domains1795315004218, WorkspaceUsage1795315549348, Conversions1795315659381, Invitations1795317405329, AnalyticsRetention1795323970070, AnalyticsRollups1795323970069, ClickEventsFirstVisit1795331922358, DomainDimension1795331922359, AnalyticsPairRollups1795332602878, WeeklyRollups1795333119294, PairRollupsWeekly1795335800305, ClickWritePath1796549365728, RollupBlocks1796573765800, Webhooks1796596701227, ClickEventsSequence1796599300000, DropClickRollups1796599300001, WorkspacePlanCheck1796600142358, ClickVisitorDays1796604639059, ClickEventsLeanIndexes1796605869888, ClickEventsWithoutUserAgent1796607732258, LinkImports1796608000000];
