// How many staff a desk's shifts put on duty over the repeating week, as the engine staffs
// the desk: what the organisation chart prints for a desk in shifts ("9-16 staff").
#pragma once

#include "escalsim/scenario.h"

namespace escalsim {

struct StaffOnDuty {
  int fewest = 0;  // the fewest on duty while anyone is; 0 when nobody ever is
  int most = 0;    // the most on duty at once
};

// The week's staffing of `desk`: its shifts, overlapping ones added up; a desk without
// shifts has its fixed staff all week.
StaffOnDuty staff_on_duty(const Desk& desk);

}  // namespace escalsim
