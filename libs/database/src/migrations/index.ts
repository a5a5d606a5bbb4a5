import { Foundation1795313882398 } from './1795313882398-Foundation';

// Every migration, in order. `npm run migration:generate -- <Name>` writes a file and adds it here.
export const MIGRATIONS = [Foundation1795313882398];
