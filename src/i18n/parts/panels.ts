/** Texts of the panels area of the viewer, in both languages (see ../part.ts). */
import { messagePart } from '../part.ts';

export const panelsMessages = messagePart({}, {});
