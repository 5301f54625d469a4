/** Texts of the analysis area of the viewer, in both languages (see ../part.ts). */
import { messagePart } from '../part.ts';

export const analysisMessages = messagePart({}, {});
