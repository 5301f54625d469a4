/** Texts of the tooltip area of the viewer, in both languages (see ../part.ts). */
import { messagePart } from '../part.ts';

export const tooltipMessages = messagePart({}, {});
